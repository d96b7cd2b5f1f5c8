import Foundation
import Testing
@testable import Model
@testable import Reporting

/// One change seen in many cells is one line with its count, in every format; a file size change under
/// the note threshold is no line at all.
@Suite struct ComparisonFoldingTests {
    /// gcc-12 against gcc-11 over 60 cells: every cell's `.comment` and build-id change, and its size
    /// moves by a few bytes (under 1 %); the first three cells also shrink by 5 %.
    static func comparison() throws -> Comparison {
        let old = (0..<60).map { i in Reports.cell("f\(i)") }
        let new = old.enumerated().map { i, cell in
            var c = cell
            c.elf?.comment = ["GCC: (Ubuntu 11.3.0) 11.3.0"]
            c.elf?.buildID = "beef\(i)"
            c.elf?.sizes.file = i < 3 ? 9_500 : 9_990
            return c
        }
        return try Reports.compare(old, new)
    }

    @Test func theTextFoldsTheCommentIntoOneLine() throws {
        let c = try Self.comparison()
        let text = ComparisonText.render(c, color: false)
        let info = text.components(separatedBy: "INFORMATION").last ?? ""
        let lines = info.split(separator: "\n").filter { $0.hasPrefix("  ") }
        #expect(lines.count == 3, "\(info)")
        #expect(lines.contains("  comment: 'GCC: (Debian 12.2.0-14) 12.2.0' -> 'GCC: (Ubuntu 11.3.0) 11.3.0'  (.comment strings changed) in all 60 cells"), "\(info)")
        #expect(lines.contains("  build_id: (build-id value changed) in all 60 cells"), "\(info)")
        #expect(lines.contains { $0.contains("sizes.file") && $0.contains("file shrank 5.0 %") && $0.contains("in 3 cells: f0/") }, "\(info)")
        #expect(!text.contains("0.1 %"), "a size change under 1 % was reported")
    }

    @Test func theJSONKeepsEveryCellAndAddsTheFoldedView() throws {
        let c = try Self.comparison()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(ComparisonJSON.render(c).utf8)) as? [String: Any])
        let information = try #require(object["information"] as? [[String: Any]])
        #expect(information.count == 123, "per-cell changes: 60 comments, 60 build-ids, 3 sizes")
        let folded = try #require(object["information_folded"] as? [[String: Any]])
        #expect(folded.count == 3)
        let comment = try #require(folded.first { $0["field"] as? String == "comment" })
        #expect(comment["count"] as? Int == 60)
        #expect((comment["cells"] as? [String])?.count == 60)
        #expect((comment["cells"] as? [String])?.first == "f0/gcc/x86_64/shared-libgcc/O2")
        #expect(comment["after"] as? String == "GCC: (Ubuntu 11.3.0) 11.3.0")
        #expect((object["regressions_folded"] as? [Any])?.isEmpty == true)
    }

    @Test func markdownAndHTMLFoldToo() throws {
        let c = try Self.comparison()
        let ctx = ReportContext(report: Reports.report([]), comparison: c)
        let md = MarkdownSummary.render(ctx)
        #expect(md.contains("### Information (123 changes, 3 kinds)"), "\(md)")
        #expect(md.contains("| comment | GCC: (Debian 12.2.0-14) 12.2.0 → GCC: (Ubuntu 11.3.0) 11.3.0 | .comment strings changed | in all 60 cells |"), "\(md)")
        let html = HTMLReport.render(ctx)
        #expect(html.contains("<h2>Information (123 changes, 3 kinds)</h2>"))
        #expect(html.contains("<summary>in all 60 cells</summary>"))
    }

    @Test func aRegressionInManyCellsIsOneLineToo() throws {
        let old = (0..<8).map { Reports.cell("f\($0)") }
        let new = old.map { cell in
            var c = cell
            c.elf?.relro = .partial
            return c
        }
        let c = try Reports.compare(old, new)
        #expect(c.regressions.count == 8)
        let text = ComparisonText.render(c, color: false)
        #expect(text.contains("REGRESSIONS (8)\n  relro: 'full' -> 'partial'  (RELRO weaker) in all 8 cells\n\n"), "\(text)")
        let md = MarkdownSummary.render(ReportContext(report: Reports.report(new), comparison: c))
        #expect(md.contains("| in all 8 cells | elf | relro | full → partial | RELRO weaker |"), "\(md)")
    }

    @Test func theNoteThresholdIsAnOption() throws {
        var new = Reports.facts()
        new.sizes.file = 10_050
        #expect(ELFDiff.compare(cell: "x", old: Reports.facts(), new: new, sizeThreshold: 10).information.isEmpty)
        let strict = ELFDiff.compare(cell: "x", old: Reports.facts(), new: new, sizeThreshold: 10, sizeNoteThreshold: 0.1)
        #expect(strict.information.map(\.evidence) == ["file grew 0.5 %"])
    }
}
