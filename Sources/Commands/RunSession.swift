import ArgumentParser
import ELFInspection
import Execution
import Foundation
import Model
import Reporting

/// The run frontend: prepares OUT, probes the tools, runs the plan, keeps report.json current
/// (complete: false until the end, and after an interrupt: Interruption), writes the logs and prints the grid.
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
    /// The build cache; nil with `--no-cache`.
    var cache: CacheSettings?
    /// SIGINT and SIGTERM: the run's report is attached to it (nil: no signal handling).
    var interruption: Interruption?
    /// `--generate`: the generated programs, judged by checksum once every cell ran (RunSession+Generated).
    var generation: Generation?

    var reportPath: String { outDir + "/report.json" }

    func run() async throws -> [CellRecord] {
        let fm = FileManager.default
        let out = URL(fileURLWithPath: outDir).standardizedFileURL.path
        var metadata = RunMetadataFactory.make(matrix: matrix, jobs: jobs, commandLine: commandLine)
        metadata.shard = shard
        metadata.filter = filter
        metadata.axes = axes
        metadata.generator = generation?.info
        // report.json exists (complete: false, no cells) before any process starts, so an interrupt at
        // any moment leaves a readable one; the interrupt waits while the previous run's files go.
        let first = metadata
        let makeReport = {
            Self.clearPreviousRun(in: out)
            let live = LiveReport(metadata: first, path: out + "/report.json")
            live.save(complete: false)
            return live
        }
        let live = interruption?.attach(makeReport) ?? makeReport()
        let workDir = out + "/work"
        try fm.createDirectory(atPath: workDir, withIntermediateDirectories: true)

        let toolchain = await ToolchainProbe.probe(matrix: matrix, workDir: workDir)
        await interruption?.holdIfStopping()
        live.updateMetadata { m in
            (m.compilers, m.runners) = toolchain.tools(for: matrix)
            m.workarounds = toolchain.workarounds
        }
        live.save(complete: false)

        let part = shard.map { ", shard \($0)" } ?? ""
        writeErr("toolgate: \(plan.cells.count) cells of '\(matrix.name)'\(part) (\(plan.units.count) build units, -j \(jobs)) into \(out)\n")
        for w in toolchain.workarounds { writeErr("toolgate: note: \(w)\n") }
        let progress = Progress(total: plan.cells.count)
        var executor = UnitExecutor(commands: BuildCommands(matrix: matrix, toolchain: toolchain), workDir: workDir, jobs: jobs)
        executor.repeats = repeats
        executor.cache = cache.map { BuildCache(settings: $0, workDir: workDir) }
        let runner = MatrixRunner(executor: executor, jobs: jobs)
        let records = await runner.run(plan) { record in
            // Once an interrupt froze the report, a record may hold a step it killed: it is not a result.
            guard !live.isFrozen else { return }
            var record = record
            record.log = ReportWriter.logPath(for: record.id)
            try? ReportWriter.writeLog(record, outDir: out)
            guard live.add(record) else { return }
            progress.cellFinished(record)
        }
        await interruption?.holdIfStopping()
        progress.finish()
        if let cache { writeErr(CacheReport.line(records, settings: cache, trim: CacheTrim.trim(cache))) }
        var finalRecords = records.map { r in
            var r = r
            r.log = ReportWriter.logPath(for: r.id)
            return r
        }
        let trouble = judgeGenerated(&finalRecords, outDir: out)
        if let trouble { live.updateMetadata { $0.generatorTrouble = trouble.isEmpty ? nil : trouble } }
        live.replace(finalRecords)
        live.save(complete: true)
        writeOut(ResultGrid.render(finalRecords))
        if let trouble { writeOut(WrongCodeSummary.render(finalRecords, generatorTrouble: trouble, reportPath: out + "/report.json")) }
        writeOut(RunSummary.render(finalRecords, reportPath: out + "/report.json"))
        return finalRecords
    }

    /// The files a run owns in OUT, and any temporary file a killed writer left beside them.
    static func clearPreviousRun(in out: String) {
        let fm = FileManager.default
        let owned = ["work", "logs", "report.json", "comparison.json"] + ReportFiles.names
        for name in owned { try? fm.removeItem(atPath: out + "/" + name) }
        for name in (try? fm.contentsOfDirectory(atPath: out)) ?? [] {
            guard let cut = name.range(of: AtomicFile.temporaryInfix), owned.contains(String(name[..<cut.lowerBound])) else { continue }
            try? fm.removeItem(atPath: out + "/" + name)
        }
    }
}
