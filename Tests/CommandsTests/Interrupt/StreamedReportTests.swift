import ELFInspection
import Foundation
import Testing
@testable import Commands
@testable import Frontend
@testable import Model
@testable import Reporting

/// report.json assembled from the cell spool reads exactly as the whole writer's, in plan order, and leaves
/// no temporary file behind, finished or interrupted.
@Suite struct StreamedReportTests {
    static func cells(_ n: Int) -> [CellRecord] {
        (0..<n).map { i in
            var r = LiveReportTests.cell("f\(i)", i % 7 == 0 ? .fail : .pass)
            r.reason = i % 7 == 0 ? "expected exit 0, got 1 \"quoted\"\nand a newline" : nil
            r.stdout = "line \(i)\n\t\u{1}"
            r.commands = [CommandRecord(step: .run, argv: ["./prog", "a b"], cwd: "/w/\(i)", env: ["K": "v"], exitCode: 0, stdout: "out", stderr: "")]
            r.notes = i % 2 == 0 ? [] : ["a note"]
            r.log = ReportWriter.logPath(for: r.id)
            r.elf = ELFFacts(
                path: "prog", elfClass: 64, machine: "x86_64", type: .dyn, interpreter: nil, needed: ["libc.so.6"], pie: true,
                bindNow: false, relro: .partial, nxStack: true, textrel: false, buildID: "ab\(i)", glibcMax: nil,
                hardening: Hardening(), libgcc: .none, comment: [], debug: DebugFacts(producers: [], unavailable: nil),
                sizes: Sizes(file: 100 + i, code: 1, data: 2, bss: 3))
            return r
        }
    }

    static func temporaries(_ dir: TempDir) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { $0.contains(AtomicFile.temporaryInfix) }
    }

    @Test func theStreamedReportIsTheWholeWritersByteForByte() throws {
        let dir = try TempDir()
        let cells = Self.cells(40)
        let live = LiveReport(metadata: LiveReportTests.metadata(), path: dir.path("report.json"))
        // Finished out of order; the final save puts them in plan order.
        for c in cells.reversed() { #expect(live.add(c)) }
        live.save(complete: false)
        let midway = try ReportReader.load(dir.path("report.json"))
        #expect(!midway.complete)
        #expect(midway.cells == Array(cells.reversed()))
        let finished = try #require(live.finish(order: cells.map(\.id)))
        let streamed = try Data(contentsOf: URL(fileURLWithPath: dir.path("report.json")))
        var whole = Report(complete: true, metadata: finished.metadata, cells: cells)
        whole.metadata.finishedAt = finished.metadata.finishedAt
        try ReportWriter.write(whole, to: dir.path("whole.json"))
        let expected = try Data(contentsOf: URL(fileURLWithPath: dir.path("whole.json")))
        #expect(try ReportReader.load(dir.path("report.json")) == whole)
        #expect(streamed == expected, "the streamed report.json differs from the whole writer's bytes")
        #expect(finished.cells == cells.map(\.slim))
        // The loader reads each full record back from report.json.
        for (slim, full) in zip(finished.cells, cells) { #expect(finished.loader.full(slim) == full) }
        #expect(try Self.temporaries(dir).isEmpty, "the spool was left behind")
    }

    @Test func anEmptyRunIsTheWholeWritersToo() throws {
        let dir = try TempDir()
        let live = LiveReport(metadata: LiveReportTests.metadata(), path: dir.path("report.json"))
        let finished = try #require(live.finish(order: []))
        try ReportWriter.write(Report(complete: true, metadata: finished.metadata, cells: []), to: dir.path("whole.json"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.path("report.json"))) == Data(contentsOf: URL(fileURLWithPath: dir.path("whole.json"))))
    }

    @Test func anInterruptedRunLeavesAnIncompleteReportAndNoTemporary() throws {
        let dir = try TempDir()
        let cells = Self.cells(5)
        let live = LiveReport(metadata: LiveReportTests.metadata(), path: dir.path("report.json"))
        for c in cells { live.add(c) }
        #expect(try Self.temporaries(dir).count == 1, "no spool while the run is under way")
        #expect(live.freeze() == (cells: 5, complete: false))
        #expect(live.finish(order: cells.map(\.id)) == nil)
        live.saveFrozen()
        let report = try ReportReader.load(dir.path("report.json"))
        #expect(!report.complete)
        #expect(report.cells == cells)
        #expect(try Self.temporaries(dir).isEmpty)
    }
}
