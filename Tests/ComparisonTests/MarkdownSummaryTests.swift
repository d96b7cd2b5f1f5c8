import Testing
@testable import Model
@testable import Reporting

@Suite struct MarkdownSummaryTests {
    @Test func aHealthyRunIsOneLineAndACountTable() {
        let md = MarkdownSummary.render(ReportContext(report: Reports.report([Reports.cell("a"), Reports.cell("b")])))
        #expect(md.hasPrefix("## toolgate: m — **OK**"))
        #expect(md.contains("| pass |\n| ---: |\n| 2 |"))
        #expect(!md.contains("###"))
    }

    @Test func longTablesStopAtTheLimit() {
        let cells = (0..<(MarkdownSummary.rowLimit + 7)).map { Reports.cell("f\($0)", status: .crash) }
        let md = MarkdownSummary.render(ReportContext(report: Reports.report(cells)))
        #expect(md.contains("### Failing cells (57)"))
        #expect(md.contains("… and 7 more"))
        #expect(!md.contains("| f50/"))
    }
}
