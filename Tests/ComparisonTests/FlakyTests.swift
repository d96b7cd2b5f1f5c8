import Foundation
import Testing
@testable import Model
@testable import Reporting

/// `run --repeat`: a flaky cell is its own class in a comparison and its own section in every writer.
@Suite struct FlakyTests {
    static func flakyCell(_ fixture: String = "hello") -> CellRecord {
        var r = Reports.cell(fixture, status: .flaky)
        r.reason = "passed on attempt 2 of up to 3; attempt 1: expected exit 0, got 1"
        r.attempts = [
            RunAttempt(status: .fail, reason: "expected exit 0, got 1", exitCode: 1, signal: nil, stdout: "", stderr: "", durationMs: 3),
            RunAttempt(status: .pass, reason: nil, exitCode: 0, signal: nil, stdout: "hi\n", stderr: "", durationMs: 2),
        ]
        return r
    }

    @Test func flakyIsNeitherAFailureNorAPass() {
        #expect(!CellStatus.flaky.isFailure)
        #expect(CellStatus.flaky.symbol == "~")
        #expect(CellStatus.fail.isRerunnable && CellStatus.crash.isRerunnable && CellStatus.timeout.isRerunnable)
        #expect(!CellStatus.compileError.isRerunnable && !CellStatus.linkError.isRerunnable && !CellStatus.policy.isRerunnable)
    }

    @Test func passToFlakyIsItsOwnClass() throws {
        let c = try Reports.compare([Reports.cell(), Reports.cell("b")], [Self.flakyCell(), Reports.cell("b")])
        let cell = try #require(c.cells.first { $0.id == "hello/gcc/x86_64/shared-libgcc/O2" })
        #expect(cell.cellClass == .flaky)
        #expect(c.regressions.isEmpty)
        #expect(!c.failsGate)
        let summary = Dictionary(uniqueKeysWithValues: c.summary.map { ($0.key, $0.count) })
        #expect(summary["flaky"] == 1)
        #expect(summary["unchanged"] == 1)
        let text = ComparisonText.render(c, color: false)
        #expect(text.contains("FLAKY (failed, then passed on a rerun) (1)\n  hello/gcc/x86_64/shared-libgcc/O2: pass -> flaky"), "\(text)")
        #expect(text.contains("OK: no regression; 1 flaky, 1 unchanged"), "\(text)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(ComparisonJSON.render(c).utf8)) as? [String: Any])
        let flaky = try #require(json["flaky"] as? [[String: Any]])
        #expect(flaky.count == 1)
        #expect((json["summary"] as? [String: Int])?["flaky"] == 1)
    }

    @Test func attemptsRoundTripAndAreAbsentWithoutReruns() throws {
        let report = Reports.report([Self.flakyCell(), Reports.cell("b")])
        let data = try JSONEncoder().encode(report)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"attempts\""))
        #expect(text.components(separatedBy: "\"attempts\"").count == 2, "only the flaky cell has attempts")
        let back = try JSONDecoder().decode(Report.self, from: data)
        #expect(back.cells[0].attempts == report.cells[0].attempts)
        #expect(back.cells[1].attempts == nil)
        #expect(back.summary["flaky"] == 1)
    }

    @Test func writersListFlakyCellsApart() {
        let ctx = ReportContext(report: Reports.report([Self.flakyCell(), Reports.cell("b")]))
        let xml = JUnitWriter.render(ctx)
        #expect(xml.contains("failures=\"0\""))
        #expect(xml.contains("<system-out><![CDATA[flaky: passed on attempt 2 of 2 runs\nattempt 1: fail (exit 1, 3 ms): expected exit 0, got 1\nattempt 2: pass (exit 0, 2 ms)\n]]></system-out>"), "\(xml)")
        #expect(!xml.contains("<failure"))
        let md = MarkdownSummary.render(ctx)
        #expect(md.contains("— **OK**: no failing cell, 1 flaky"), "\(md)")
        #expect(md.contains("### Flaky cells (1)"), "\(md)")
        #expect(md.contains("| hello/gcc/x86_64/shared-libgcc/O2 | flaky: passed on attempt 2 of 2 runs | expected exit 0, got 1 |"), "\(md)")
        let html = HTMLReport.render(ctx)
        #expect(html.contains("<h2>Flaky cells (1)</h2>"))
        #expect(html.contains("OK: no failing cell, 1 flaky"))
        #expect(html.contains("attempt 1: fail (exit 1, 3 ms): expected exit 0, got 1"))
        #expect(ResultGrid.render(ctx.report.cells).contains("~"))
        #expect(RunSummary.render(ctx.report.cells, reportPath: "out/report.json").hasPrefix("2 cells: 1 pass, 1 flaky\n"))
        #expect(ReportWriter.logText(ctx.report.cells[0]).contains("attempt 2: pass (exit 0, 2 ms)\n"))
    }

    @Test func hostileAttemptOutputStaysInert() throws {
        let h = "\u{1B}[31m<script>alert(1)</script> ]]> | `x` \u{0}\u{07}\nsecond"
        var cell = Self.flakyCell()
        cell.attempts?[0].reason = h
        cell.attempts?[0].stdout = h
        cell.attempts?[0].signal = h
        let ctx = ReportContext(report: Reports.report([cell]))
        // junit.xml keeps `<script>` inside CDATA, where it is text; the page has a script of its own.
        for text in [MarkdownSummary.render(ctx), HTMLReport.render(ctx)] { #expect(!text.contains("<script>alert")) }
        for text in [JUnitWriter.render(ctx), MarkdownSummary.render(ctx), HTMLReport.render(ctx)] {
            #expect(!text.contains("\u{1B}"))
            #expect(!text.contains("\u{07}"))
        }
        #expect(JUnitWriter.render(ctx).contains("]]]]><![CDATA[>"))
    }

    /// A report written before `flaky` and `attempts` existed still reads, and compares with a new one.
    @Test func anOlderReportStillReads() throws {
        let data = try JSONEncoder().encode(Reports.report([Reports.cell()]))
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var summary = try #require(object["summary"] as? [String: Any])
        summary["flaky"] = nil
        object["summary"] = summary
        let old = try JSONDecoder().decode(Report.self, from: try JSONSerialization.data(withJSONObject: object))
        #expect(old.summary["flaky"] == nil)
        #expect(old.cells.first?.attempts == nil)
        let c = try Comparator.compare(old: old, new: Reports.report([Self.flakyCell()]))
        #expect(c.cells.first?.cellClass == .flaky)
        #expect(MarkdownSummary.render(ReportContext(report: old)).contains("**OK**: every cell passed"))
    }
}
