import Foundation
import Testing
@testable import Model
@testable import Reporting

/// The registry of report formats: what each command reads of it (docs/reports.md, "Formats").
@Suite struct ReportFormatTests {
    @Test func namesAndFilesAreUnique() {
        let names = ReportFormat.all.compactMap(\.formatName), files = ReportFormat.fileNames
        #expect(Set(names).count == names.count)
        #expect(Set(files).count == files.count)
        #expect(names == ["text", "json", "markdown", "junit", "html"], "compare --format's values, in its help's order")
        #expect(Set(files) == ["report.json", "comparison.json", "junit.xml", "summary.md", "index.html"])
    }

    @Test func aRunWritesItsFilesAndAComparisonAddsItsOwn() throws {
        let (new, comparison) = try GoldenTests.pair()
        let scratch = try Scratch()
        try ReportFiles.write(ReportContext(report: new), to: scratch.path + "/run")
        try ReportFiles.write(ReportContext(report: new, comparison: comparison), to: scratch.path + "/compared")
        let run = try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/run")
        let compared = try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/compared")
        #expect(Set(run) == ["junit.xml", "summary.md", "index.html"])
        #expect(Set(compared) == ["junit.xml", "summary.md", "index.html", "comparison.json"])
        // Streamed or rendered whole, each file is its format's text.
        for name in compared {
            let text = try String(contentsOfFile: scratch.path + "/compared/" + name, encoding: .utf8)
            let format = try #require(ReportFormat.file(named: name))
            #expect(text == format.render(ReportContext(report: new, comparison: comparison), ReportFormat.Options()), "\(name)")
        }
    }

    /// What compare prints needs the comparison; report.json is the run's own, rendered by none.
    @Test func whatEachFormatIsMadeFrom() throws {
        let (new, comparison) = try GoldenTests.pair()
        let alone = ReportContext(report: new), compared = ReportContext(report: new, comparison: comparison)
        #expect(ReportFormat.report.render(compared, ReportFormat.Options()) == nil)
        #expect(ReportFormat.comparisonText.render(alone, ReportFormat.Options()) == nil)
        #expect(ReportFormat.comparisonJSON.render(alone, ReportFormat.Options()) == nil)
        let coloured = try #require(ReportFormat.comparisonText.render(compared, ReportFormat.Options(color: true)))
        #expect(coloured.contains("\u{1B}["))
        for format in ReportFormat.printable { #expect(format.render(compared, ReportFormat.Options()) != nil, "\(format.formatName ?? "")") }
        #expect(ReportFormat.printable(named: "xml") == nil)
        #expect(ReportFormat.printable(named: "markdown")?.fileName == "summary.md")
    }
}
