import Foundation
import Testing
@testable import Model
@testable import Reporting

/// report.json files that once crashed `compare` or `merge` (docs/fuzzing.md): each now reads as an error that
/// names the file and the field, or is compared, merged and written without a trap. The inputs are also
/// seeds of the report fuzzer, Tests/Corpus/report/regression-*.json.
@Suite struct ReportHostileInputTests {
    /// A valid report as JSON, with one edit to its object.
    static func json(_ report: Report = Reports.report([Reports.cell()]), _ edit: (inout [String: Any]) -> Void) throws -> Data {
        let data = try JSONOutput.encoder().encode(report)
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        edit(&object)
        return try JSONSerialization.data(withJSONObject: object)
    }

    static func withShard(index: Int, count: Int) throws -> Data {
        try json { object in
            var metadata = object["metadata"] as? [String: Any] ?? [:]
            metadata["shard"] = ["index": index, "count": count]
            object["metadata"] = metadata
        }
    }

    /// `merge` built Set(1...count): a shard of 0 parts trapped, one of Int.max parts could not be built.
    @Test(arguments: [(1, 0), (0, 2), (3, 2), (-1, -1), (Int.min, Int.max)])
    func aShardOutsideOneToNIsAnErrorNamingTheField(index: Int, count: Int) throws {
        let error = try #require(throws: ReportReadError.self) {
            try ReportReader.decode(try Self.withShard(index: index, count: count), file: "shard/report.json")
        }
        #expect(error.description == "shard/report.json: error: not a toolgate report: 'metadata.shard': shard \(index)/\(count) is not K/N with 1 ≤ K ≤ N")
    }

    @Test func aShardOfIntMaxPartsMergesAsIncomplete() throws {
        let report = try ReportReader.decode(try Self.withShard(index: 1, count: Int.max), file: "r.json")
        let merged = try ReportMerge.merge([ReportMerge.Input(file: "r.json", report: report)])
        #expect(!merged.complete)
        #expect(merged.cells.count == 1)
    }

    /// ELFDiff computed `new - old` in Int: file sizes far apart overflowed.
    @Test(arguments: [(Int.max, 1), (1, Int.max), (Int.max, -Int.max), (1, Int.min)])
    func fileSizesFarApartCompare(old: Int, new: Int) throws {
        var before = Reports.facts(), after = Reports.facts()
        before.sizes.file = old
        after.sizes.file = new
        let c = try Reports.compare([Reports.cell(elf: before)], [Reports.cell(elf: after)])
        let change = c.cells.first?.changes.regressions.first { $0.field == "sizes.file" }
            ?? c.cells.first?.changes.information.first { $0.field == "sizes.file" }
        #expect(change?.before == "\(old)")
        #expect(change?.after == "\(new)")
        _ = ComparisonText.render(c, color: false)
    }

    /// junit.xml summed durations in Int and padded milliseconds with a count that went negative.
    @Test func hostileDurationsWriteJUnit() throws {
        var a = Reports.cell("a"), b = Reports.cell("b"), c = Reports.cell("c")
        a.durationMs = Int.max
        b.durationMs = Int.max
        c.durationMs = -1234
        let xml = JUnitWriter.render(ReportContext(report: Reports.report([a, b, c])))
        #expect(xml.contains("time=\"\(Int.max / 1000).\(Int.max % 1000)\""), "\(xml.prefix(300))")
        #expect(xml.contains("<testcase classname=\"c\" name=\"gcc/x86_64/shared-libgcc/O2\" time=\"0.000\""), "\(xml)")
    }
}
