import Testing
@testable import Model
@testable import Reporting

/// summary.md stays under GitHub's 1 MiB job-summary cap whatever the run's size, failures first.
@Suite struct MarkdownSummaryScaleTests {
    @Test func fiftyThousandCellsStayUnderTheCapWithTheNote() throws {
        let cells = (0..<50_000).map { i in
            Reports.cell("fixture-with-a-rather-long-name-\(i)", status: i % 3 == 0 ? .fail : i % 3 == 1 ? .flaky : .pass, elf: nil)
        }
        let md = MarkdownSummary.render(ReportContext(report: Reports.report(cells)))
        #expect(md.utf8.count < 1 << 20)
        let failing = cells.filter { $0.status.isFailure }.count, flaky = cells.filter { $0.status == .flaky }.count
        #expect(md.contains("### Failing cells (\(failing))"))
        // Failures come first: the flaky section follows them.
        let failingAt = try #require(md.range(of: "### Failing cells")), flakyAt = try #require(md.range(of: "### Flaky cells"))
        #expect(failingAt.lowerBound < flakyAt.lowerBound)
        let shown = 2 * MarkdownSummary.rowLimit
        #expect(md.hasSuffix("**\(failing + flaky - shown) more cells not shown; see report.json** (or junit.xml, index.html).\n"), "\(md.suffix(300))")
    }

    @Test func linesPastTheByteLimitAreCutWithTheNote() {
        var lines = SummaryLines()
        lines.append("## toolgate: m — **FAIL**")
        for i in 0..<20_000 { lines.append("| cell-\(i) | fail | " + String(repeating: "x", count: 100) + " |", row: true) }
        let md = MarkdownSummary.capped(lines)
        #expect(md.utf8.count <= MarkdownSummary.byteLimit)
        #expect(md.hasPrefix("## toolgate: m — **FAIL**\n| cell-0 |"))
        #expect(md.contains("the summary stops here"))
        let shownRows = md.split(separator: "\n").filter { $0.hasPrefix("| cell-") }.count
        #expect(shownRows > 1000 && shownRows < 20_000)
        #expect(md.hasSuffix("**\(20_000 - shownRows) more cells not shown; see report.json** (or junit.xml, index.html).\n"))
    }

    @Test func aSmallRunHasNoNote() {
        let md = MarkdownSummary.render(ReportContext(report: Reports.report([Reports.cell("a", status: .fail)])))
        #expect(!md.contains("not shown"))
    }
}
