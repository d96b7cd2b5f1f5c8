import Foundation
import Testing
@testable import Model
@testable import Reporting

/// The crafted reports of these tests are seeds of the report fuzzer (Tests/Corpus/report/crafted-*.json,
/// docs/fuzzing.md): each committed seed is what the code builds now, and reads back the same. Re-record after
/// an intended change of the report types with
/// `TOOLGATE_RECORD_CORPUS=1 swift test --skip-build --disable-xctest --filter ReportCorpusTests` (which then
/// fails, naming each seed it rewrote).
@Suite struct ReportCorpusTests {
    static let directory = Repository.path("Tests/Corpus/report")

    static let crafted: [String: @Sendable () throws -> Report] = [
        "crafted-golden-old": { GoldenTests.reports().old },
        "crafted-golden-new": { GoldenTests.reports().new },
        "crafted-run-details": { try ReportFilesGoldenTests.context(baseline: false).report },
        "crafted-flaky": { Reports.report([FlakyTests.flakyCell(), Reports.cell("b", status: .crash)]) },
    ]

    @Test(arguments: crafted.keys.sorted())
    func theSeedIsTheCraftedReport(_ name: String) throws {
        let make = try #require(Self.crafted[name])
        let report = try make()
        // Compact: the seeds stay small, and the reader must not depend on the writer's layout.
        var data = try JSONOutput.encoder(pretty: false).encode(report)
        data.append(0x0A)
        let path = Self.directory + "/" + name + ".json"
        let committed = try Golden.check(data, against: path, recordWith: "TOOLGATE_RECORD_CORPUS")
        #expect(try ReportReader.decode(committed, file: path) == report)
    }
}
