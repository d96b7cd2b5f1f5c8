import Foundation
import Model
import Reporting
import Testing

/// What every signalled `toolgate run` must leave behind, whenever the signal landed.
enum StoppedRunChecks {
    /// Exit within `limit` of the signal, 130 (or 0/1 with a complete report when the run had finished),
    /// report.json readable through ReportReader, every listed cell finished (no step killed by the
    /// interrupt, a log beside it, and no log without its cell), no temporary file under OUT, and no process
    /// left with the marker.
    /// Returns the report. `context` (the seed, the delay) goes into every failure message.
    @discardableResult
    static func check(
        _ run: SignalledRun, elapsed: Duration?, out: String, limit: Duration = .seconds(5), context: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> Report {
        let why = "\(context); stderr:\n\(run.stderr)"
        let elapsed = try #require(elapsed, "toolgate still ran 20 s after the signal; \(why)", sourceLocation: sourceLocation)
        #expect(elapsed < limit, "took \(elapsed) to stop; \(why)", sourceLocation: sourceLocation)
        #expect(run.processesLeft() == [], "processes left behind; \(why)", sourceLocation: sourceLocation)
        #expect(temporaryFiles(under: out) == [], "temporary files left in OUT; \(why)", sourceLocation: sourceLocation)
        let report = try ReportReader.load(out + "/report.json")
        switch run.ending {
        case "exit 130":
            break
        case "exit 0", "exit 1":
            #expect(report.complete, "a run that finished must leave a complete report; \(why)", sourceLocation: sourceLocation)
        default:
            Issue.record("ended with \(run.ending), not exit 130; \(why)", sourceLocation: sourceLocation)
        }
        for cell in report.cells {
            let killed = cell.commands.contains { $0.signal == "SIGKILL" && !$0.timedOut }
            #expect(!killed, "\(cell.id) lists a step the interrupt killed; \(why)", sourceLocation: sourceLocation)
            #expect(!(cell.reason ?? "").contains("being interrupted"), "\(cell.id): \(cell.reason ?? ""); \(why)", sourceLocation: sourceLocation)
            #expect(FileManager.default.fileExists(atPath: out + "/logs/\(cell.id).log"), "\(cell.id) has no log; \(why)", sourceLocation: sourceLocation)
        }
        #expect(Set(report.cells.map(\.id)).count == report.cells.count, "a cell listed twice; \(why)", sourceLocation: sourceLocation)
        // And the other way round: no log of a cell the report does not hold.
        let orphans = logs(under: out + "/logs").subtracting(report.cells.map(\.id))
        #expect(orphans.isEmpty, "logs of cells the report does not hold: \(orphans.sorted()); \(why)", sourceLocation: sourceLocation)
        return report
    }

    /// The cell ids of the .log files under `dir`.
    static func logs(under dir: String) -> Set<String> {
        let files = FileManager.default.enumerator(atPath: dir)?.compactMap { $0 as? String } ?? []
        return Set(files.filter { $0.hasSuffix(".log") }.map { String($0.dropLast(4)) })
    }
}
