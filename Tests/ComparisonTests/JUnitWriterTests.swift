import Foundation
import Testing
@testable import Model
@testable import Reporting

@Suite struct JUnitWriterTests {
    @Test func countsAndElementsPerStatus() throws {
        var unsupported = Reports.cell("u", status: .unsupported)
        unsupported.reason = "needs __int128"
        let report = Reports.report([Reports.cell("a"), Reports.cell("b", status: .linkError), unsupported, Reports.cell("s", status: .skipped)])
        let xml = JUnitWriter.render(ReportContext(report: report))
        #expect(xml.contains("<testsuites name=\"toolgate\" tests=\"4\" failures=\"1\" skipped=\"2\""))
        #expect(xml.contains("<testcase classname=\"a\" name=\"gcc/x86_64/shared-libgcc/O2\" time=\"0.000\"/>"))
        #expect(xml.contains("<failure type=\"link-error\" message=\"link-error: crafted link-error\">"))
        #expect(xml.contains("<skipped message=\"unsupported: needs __int128\"/>"))
    }

    @Test func aLongLogIsCappedToItsTailAndStillWellFormed() throws {
        var cell = Reports.cell("big", status: .fail)
        cell.commands[0].stdout = String(repeating: "x]]>", count: 10_000) + "\nTHE END\n"
        let xml = JUnitWriter.render(ReportContext(report: Reports.report([cell])))
        #expect(xml.contains("characters cut; the whole log is logs/big/gcc/x86_64/shared-libgcc/O2.log]"))
        #expect(xml.contains("THE END"))
        // 16 000 characters of log; each `]]>` in it costs 15 in the file.
        #expect(xml.utf8.count < JUnitWriter.logLimit * 5)
        #expect(!xml.contains(String(repeating: "x]]]]><![CDATA[>", count: 4_100)))
        #expect(XMLParser(data: Data(xml.utf8)).parse())
    }
}

#if canImport(FoundationXML)
import FoundationXML
#endif
