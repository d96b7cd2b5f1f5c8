import Foundation
import Testing
@testable import Commands
@testable import Frontend
@testable import Model
import Reporting

/// The report an interrupt freezes: what finished before the freeze, nothing after it.
@Suite struct LiveReportTests {
    static func metadata() -> RunMetadata {
        RunMetadata(
            toolgateVersion: "0.1.0", startedAt: "2026-11-25T13:00:00Z", commandLine: ["toolgate", "run"],
            host: RunMetadata.Host(hostname: "h", kernel: "k", machine: "x86_64", cores: 2),
            matrix: RunMetadata.MatrixInfo(name: "m", path: "m.toml", sha256: "aa"), fixtures: "fixtures", jobs: 2)
    }

    static func cell(_ fixture: String, _ status: CellStatus = .pass) -> CellRecord {
        CellRecord(fixture: fixture, compiler: "gcc", target: "x86_64", link: "shared-libgcc", opt: "O2", status: status)
    }

    @Test func afterTheFreezeNothingIsAddedOrSavedButTheFrozenReport() throws {
        let dir = try TempDir()
        let live = LiveReport(metadata: Self.metadata(), path: dir.path("report.json"))
        #expect(live.add(Self.cell("done")))
        #expect(live.freeze() == (cells: 1, complete: false))
        #expect(!live.add(Self.cell("killed", .crash)))
        live.save(complete: true)
        #expect(!FileManager.default.fileExists(atPath: dir.path("report.json")), "a save after the freeze wrote")
        live.saveFrozen()
        let report = try ReportReader.load(dir.path("report.json"))
        #expect(!report.complete)
        #expect(report.cells.map(\.fixture) == ["done"])
    }

    @Test func aRunThatFinishedBeforeTheSignalStaysComplete() throws {
        let dir = try TempDir()
        let live = LiveReport(metadata: Self.metadata(), path: dir.path("report.json"))
        live.add(Self.cell("a"))
        live.save(complete: true)
        #expect(live.freeze() == (cells: 1, complete: true))
        live.saveFrozen()
        #expect(try ReportReader.load(dir.path("report.json")).complete)
    }
}
