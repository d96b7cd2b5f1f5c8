import ArgumentParser
import Dispatch
import ELFInspection
import Execution
import Foundation
import Model
import Reporting
import Synchronization

/// The run frontend: prepares OUT, probes the tools, runs the plan, keeps report.json current
/// (complete: false until the end, and after an interrupt), writes the logs and prints the grid.
struct RunSession {
    var matrix: Matrix
    var plan: Plan
    var outDir: String
    var jobs: Int
    var commandLine: [String]
    /// Recorded in the report's metadata: the part of the plan (`--shard`), `--filter`, the plan's axes.
    var shard: Shard?
    var filter: String?
    var axes: PlanAxes?
    /// `--repeat N`: reruns of a failed run step.
    var repeats = 0

    var reportPath: String { outDir + "/report.json" }

    func run() async throws -> [CellRecord] {
        let fm = FileManager.default
        let out = URL(fileURLWithPath: outDir).standardizedFileURL.path
        for owned in ["work", "logs", "report.json", "comparison.json"] + ReportFiles.names { try? fm.removeItem(atPath: out + "/" + owned) }
        let workDir = out + "/work"
        try fm.createDirectory(atPath: workDir, withIntermediateDirectories: true)

        let toolchain = await ToolchainProbe.probe(matrix: matrix, workDir: workDir)
        var metadata = RunMetadataFactory.make(matrix: matrix, jobs: jobs, commandLine: commandLine)
        (metadata.compilers, metadata.runners) = toolchain.tools(for: matrix)
        metadata.workarounds = toolchain.workarounds
        metadata.shard = shard
        metadata.filter = filter
        metadata.axes = axes
        let live = LiveReport(metadata: metadata, path: out + "/report.json")
        live.save(complete: false)
        let interrupt = InterruptHandler { live.save(complete: false) }

        let part = shard.map { ", shard \($0)" } ?? ""
        writeErr("toolgate: \(plan.cells.count) cells of '\(matrix.name)'\(part) (\(plan.units.count) build units, -j \(jobs)) into \(out)\n")
        for w in toolchain.workarounds { writeErr("toolgate: note: \(w)\n") }
        let progress = Progress(total: plan.cells.count)
        var executor = UnitExecutor(commands: BuildCommands(matrix: matrix, toolchain: toolchain), workDir: workDir, jobs: jobs)
        executor.repeats = repeats
        let runner = MatrixRunner(executor: executor, jobs: jobs)
        let records = await runner.run(plan) { record in
            var record = record
            record.log = ReportWriter.logPath(for: record.id)
            try? ReportWriter.writeLog(record, outDir: out)
            live.add(record)
            progress.cellFinished(record)
        }
        progress.finish()
        interrupt.cancel()
        let finalRecords = records.map { r in
            var r = r
            r.log = ReportWriter.logPath(for: r.id)
            return r
        }
        live.replace(finalRecords)
        live.save(complete: true)
        writeOut(ResultGrid.render(finalRecords))
        writeOut(RunSummary.render(finalRecords, reportPath: out + "/report.json"))
        return finalRecords
    }
}

/// The report as cells come in; saved every 30 s so a killed run leaves what it did.
final class LiveReport: Sendable {
    private struct State {
        var metadata: RunMetadata
        var cells: [CellRecord] = []
        var lastSave = ContinuousClock.now
    }
    private let state: Mutex<State>
    private let path: String

    init(metadata: RunMetadata, path: String) {
        state = Mutex(State(metadata: metadata))
        self.path = path
    }

    func add(_ r: CellRecord) {
        let due: Bool = state.withLock { s in
            s.cells.append(r)
            return ContinuousClock.now - s.lastSave > .seconds(30)
        }
        if due { save(complete: false) }
    }

    func replace(_ records: [CellRecord]) { state.withLock { $0.cells = records } }

    func save(complete: Bool) {
        let report: Report = state.withLock { s in
            s.lastSave = ContinuousClock.now
            if complete { s.metadata.finishedAt = RunMetadataFactory.timestamp() }
            return Report(complete: complete, metadata: s.metadata, cells: s.cells)
        }
        do {
            try ReportWriter.write(report, to: path)
        } catch {
            writeErr("toolgate: error: cannot write '\(path)': \(error.localizedDescription)\n")
        }
    }
}

/// On SIGINT or SIGTERM: kill every running step's process group (they are not in our group, so the
/// terminal's Ctrl-C does not reach them), save the incomplete report, exit 130.
final class InterruptHandler {
    private let sources: [any DispatchSourceSignal]

    init(onInterrupt: @escaping @Sendable () -> Void) {
        var sources: [any DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                ProcessGroups.shared.closeAndKillAll()
                onInterrupt()
                writeErr("\ntoolgate: interrupted; report.json is marked incomplete\n")
                exit(130)
            }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    func cancel() {
        for s in sources { s.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
