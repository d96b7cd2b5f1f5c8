import ELFFacts
import Foundation
import Testing
@testable import Model
@testable import Reporting

@Suite struct ComparisonWritersTests {
    private func sample() throws -> Comparison {
        var weak = Reports.facts()
        weak.relro = .partial
        weak.sizes.file = 9000
        let old = [Reports.cell("a"), Reports.cell("b"), Reports.cell("c", status: .fail), Reports.cell("gone")]
        let new = [
            Reports.cell("a", status: .crash, elf: nil), Reports.cell("b", elf: weak), Reports.cell("c"),
            Reports.cell("n", status: .fail),
        ]
        return try Reports.compare(old, new)
    }

    @Test func jsonHasTheSummaryAndEveryRegressionWithItsFields() throws {
        let text = ComparisonJSON.render(try sample())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary["regressions"] == 3)
        #expect(summary["regressed_cells"] == 2)
        #expect(summary["fixed"] == 1)
        #expect(summary["missing"] == 1)
        #expect(summary["new"] == 1)
        #expect(summary["still_failing"] == 0)
        #expect(summary["unchanged"] == 0)
        let regressions = try #require(object["regressions"] as? [[String: Any]])
        #expect(regressions.map { $0["field"] as? String } == ["status", "relro", "status"])
        let relro = regressions[1]
        #expect(relro["cell"] as? String == "b/gcc/x86_64/shared-libgcc/O2")
        #expect(relro["kind"] as? String == "elf")
        #expect(relro["before"] as? String == "full")
        #expect(relro["after"] as? String == "partial")
        #expect(regressions[2]["kind"] as? String == "missing")
        #expect(regressions[2]["after"] is NSNull)
        #expect((object["fixed"] as? [[String: Any]])?.first?["cell"] as? String == "c/gcc/x86_64/shared-libgcc/O2")
        #expect((object["information"] as? [[String: Any]])?.first?["field"] as? String == "sizes.file")
        let new = try #require((object["runs"] as? [String: Any])?["new"] as? [String: Any])
        #expect((new["toolchains"] as? [String])?.first?.contains("gcc 12.2.0") == true)
    }

    @Test func textPutsRegressionsFirstAndEndsWithTheVerdict() throws {
        let text = ComparisonText.render(try sample(), color: false)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("baseline: matrix 'm'") })
        #expect(lines.contains { $0.contains("gcc/x86_64 cc: gcc — gcc 12.2.0") })
        let regressions = try #require(lines.firstIndex(of: "REGRESSIONS (3)"))
        let fixed = try #require(lines.firstIndex(of: "FIXED (1)"))
        #expect(regressions < fixed)
        #expect(text.contains("elf relro: 'full' -> 'partial'  (RELRO weaker)"))
        #expect(lines.last?.hasPrefix("FAIL: 3 regressions in 3 cells;") == true)
        #expect(!text.contains("\u{1B}["))
        #expect(ComparisonText.render(try sample(), color: true).contains("\u{1B}[31;1mFAIL\u{1B}[0m"))
    }

    @Test func healthyVerdict() throws {
        let c = try Reports.compare([Reports.cell()], [Reports.cell()])
        #expect(ComparisonText.render(c, color: false).hasSuffix("\nOK: no regression; 1 unchanged\n"))
    }

    @Test func hostileOutputIsEscapedInEveryWriter() throws {
        let hostile = "\u{1B}[2J<script>alert(1)</script>]]>\"quote\"\n\u{07}bell"
        let c = try Reports.compare(
            [Reports.cell(stdout: "fine\n", stdoutChecked: false)], [Reports.cell(stdout: hostile, stdoutChecked: false)])
        let text = ComparisonText.render(c, color: false)
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("\u{07}"))
        #expect(text.contains("?[2J<script>"))
        let json = ComparisonJSON.render(c)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let first = try #require((object["regressions"] as? [[String: Any]])?.first)
        #expect(first["after"] as? String == "\u{1B}[2J<script>alert(1)</script>]]>\"quote\"")
    }
}
