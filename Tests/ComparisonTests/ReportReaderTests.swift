import Foundation
import Testing
@testable import Model
@testable import Reporting

@Suite struct ReportReaderTests {
    private func valid() throws -> String {
        let data = try JSONOutput.encoder().encode(Reports.report([Reports.cell()]))
        return String(decoding: data, as: UTF8.self)
    }

    @Test func readsWhatTheRunnerWrites() throws {
        let scratch = try Scratch()
        let path = scratch.path + "/report.json"
        let report = Reports.report([Reports.cell(stdoutChecked: false)], metadata: Reports.metadata(filter: "hello"))
        try ReportWriter.write(report, to: path)
        let back = try ReportReader.load(path)
        #expect(back == report)
    }

    @Test func reportsWithoutTheNewFieldsStillRead() throws {
        // Written before stdout_checked, per_target_stdout and metadata.filter existed.
        var text = try valid()
        for key in ["\"stdout_checked\"", "\"per_target_stdout\""] { #expect(text.contains(key)) }
        text = text.replacingOccurrences(of: "\"stdout_checked\" : true,", with: "")
            .replacingOccurrences(of: "\"stdout_checked\" : true", with: "")
        let stripped = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        var object = try #require(stripped)
        var cells = try #require(object["cells"] as? [[String: Any]])
        cells[0].removeValue(forKey: "stdout_checked")
        cells[0].removeValue(forKey: "per_target_stdout")
        object["cells"] = cells
        let data = try JSONSerialization.data(withJSONObject: object)
        let report = try ReportReader.decode(data, file: "old.json")
        #expect(report.cells[0].stdoutChecked == nil)
        #expect(report.metadata.filter == nil)
    }

    @Test func truncatedJSONNamesTheFileAndThePlace() throws {
        let text = try valid()
        let error = try #require(throws: ReportReadError.self) {
            try ReportReader.decode(Data(text.prefix(text.count / 2).utf8), file: "old/report.json")
        }
        let lines = text.prefix(text.count / 2).split(separator: "\n", omittingEmptySubsequences: false)
        let end = "old/report.json:\(lines.count):\((lines.last?.count ?? 0) + 1): error: not valid JSON"
        #expect(error.description.hasPrefix(end), "\(error)")
    }

    @Test func aBadValueIsPlacedByLineAndColumn() throws {
        let error = try #require(throws: ReportReadError.self) {
            try ReportReader.decode(Data("{\n  \"schema_version\": 1,\n  \"complete\": tru\n}".utf8), file: "r.json")
        }
        #expect(error.description.hasPrefix("r.json:3:"), "\(error)")
        #expect(error.description.contains("error: not valid JSON"))
    }

    @Test func notJSONAtAll() throws {
        let error = try #require(throws: ReportReadError.self) {
            try ReportReader.decode(Data("<html>502 Bad Gateway</html>".utf8), file: "r.json")
        }
        #expect(error.description.hasPrefix("r.json:1:1: error: not valid JSON"), "\(error)")
        let empty = try #require(throws: ReportReadError.self) { try ReportReader.decode(Data(), file: "r.json") }
        #expect(empty.description.contains("empty file"))
    }

    @Test func wrongTypesNameTheField() throws {
        let text = try valid().replacingOccurrences(of: "\"duration_ms\" : 0", with: "\"duration_ms\" : \"zero\"")
        let error = try #require(throws: ReportReadError.self) { try ReportReader.decode(Data(text.utf8), file: "r.json") }
        #expect(error.description.contains("r.json: error: not a toolgate report"))
        #expect(error.description.contains("'cells[0].commands[0].duration_ms': expected a number"))
        let array = try #require(throws: ReportReadError.self) { try ReportReader.decode(Data("[1, 2]".utf8), file: "r.json") }
        #expect(array.description.hasPrefix("r.json: error: not a toolgate report"))
        let status = try valid().replacingOccurrences(of: "\"status\" : \"pass\"", with: "\"status\" : \"great\"")
        let bad = try #require(throws: ReportReadError.self) { try ReportReader.decode(Data(status.utf8), file: "r.json") }
        #expect(bad.description.contains("cells[0].status"))
    }

    @Test func missingFile() throws {
        let error = try #require(throws: ReportReadError.self) { try ReportReader.load("/nonexistent/report.json") }
        #expect(error.description == "/nonexistent/report.json: error: no such file")
    }
}
