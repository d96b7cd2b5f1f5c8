import ELFInspection
import Execution
import Foundation
import Model
import Reporting

/// The run frontend: prepares OUT, probes the tools, runs the plan, keeps report.json current
/// (complete: false until the end, and after an interrupt: Interruption), writes the logs and prints the grid.
package struct RunSession {
    package var matrix: Matrix
    package var plan: Plan
    package var outDir: String
    package var jobs: Int
    package var commandLine: [String]
    /// Recorded in the report's metadata: the part of the plan (`--shard`), `--filter`, the plan's axes.
    package var shard: Shard?
    package var filter: String?
    package var axes: PlanAxes?
    /// `--repeat N`: reruns of a failed run step.
    package var repeats = 0
    /// The build cache; nil with `--no-cache`.
    package var cache: CacheSettings?
    /// `--keep-work`: what stays under OUT/work once a unit's cells are judged.
    package var keepWork = KeepWork.failed
    /// SIGINT and SIGTERM: the run's report is attached to it (nil: no signal handling).
    package var interruption: Interruption?
    /// `--generate`: the generated programs, judged by checksum once every cell ran (RunSession+Generated).
    package var generation: Generation?
    /// Where its text goes, whose registry its steps join, whose gate its writes pass (RunContext).
    package var context: RunContext

    package init(matrix: Matrix, plan: Plan, outDir: String, jobs: Int, commandLine: [String], context: RunContext) {
        (self.matrix, self.plan, self.outDir, self.jobs, self.commandLine) = (matrix, plan, outDir, jobs, commandLine)
        self.context = context
    }

    package var reportPath: String { outDir + "/report.json" }

    /// What a finished run hands on: slim records in plan order (CellRecord.slim) and the loader of
    /// the full ones, so the report files need not hold every cell's output at once.
    package struct RunOutcome {
        package var metadata: RunMetadata
        package var cells: [CellRecord]
        package var loader: CellLoader
    }

    /// The run, in its context: every step it starts and every file it writes belong to it.
    package func run() async throws -> RunOutcome {
        try await context.bound { try await runInContext() }
    }

    private func runInContext() async throws -> RunOutcome {
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
        // OUT exists before the spool is made beside report.json: a fresh --out would otherwise keep
        // every cell in memory, with a warning.
        try fm.createDirectory(atPath: out, withIntermediateDirectories: true)
        let makeReport = {
            Self.clearPreviousRun(in: out)
            let live = LiveReport(metadata: first, path: out + "/report.json", errors: context.standardError)
            live.save(complete: false)
            return live
        }
        let live = interruption?.attach(makeReport) ?? makeReport()
        let workDir = out + "/work"
        try fm.createDirectory(atPath: workDir, withIntermediateDirectories: true)

        let toolchain = await ToolchainProbe.probe(
            matrix: matrix, workDir: workDir, answers: cache.map { ToolAnswerStore(cache: $0) }, probes: cache.map { ProbeAnswerStore(cache: $0) })
        await interruption?.holdIfStopping()
        live.updateMetadata { m in
            (m.compilers, m.runners) = toolchain.tools(for: matrix)
            m.workarounds = toolchain.workarounds
            m.sandbox = toolchain.sandbox.info
        }
        live.save(complete: false)
        if let error = toolchain.sandbox.error {
            throw Diagnostic.error("\(error); install bubblewrap, or set sandbox = \"auto\" or \"none\" in the matrix")
        }
        if let warning = toolchain.sandbox.warning { context.standardError.write(Diagnostic.warning(warning)) }

        let part = shard.map { ", shard \($0)" } ?? ""
        context.standardError.write("toolgate: \(plan.cells.count) cells of '\(matrix.name)'\(part) (\(plan.units.count) build units, -j \(jobs)) into \(out)\n")
        for w in toolchain.workarounds { context.standardError.write(Diagnostic.note(w)) }
        let progress = Progress(total: plan.cells.count, isTTY: context.errorIsTerminal, output: context.standardError.write)
        var executor = UnitExecutor(commands: BuildCommands(matrix: matrix, toolchain: toolchain), workDir: workDir, jobs: jobs)
        executor.repeats = repeats
        executor.cache = cache.map { BuildCache(settings: $0, workDir: workDir) }
        let runner = MatrixRunner(executor: executor, jobs: jobs)
        let tally = CacheTally()
        await runner.stream(plan) { record in
            // Once an interrupt froze the report, a record may hold a step it killed: it is not a result,
            // and gets no log (reserveLog is false).
            let log = ReportWriter.logPath(for: record.id)
            guard live.reserveLog(log) else { return }
            var record = record
            record.log = log
            try? ReportWriter.writeLog(record, outDir: out)
            tally.add(record)
            guard live.add(record) else { return }
            progress.cellFinished(record)
        } afterUnit: { unit, records in
            // An interrupt's cleanup owns the work directory from the freeze on.
            guard !live.isFrozen else { return }
            WorkPruning.prune(unit, records, workDir: workDir, keep: keepWork)
        }
        await interruption?.holdIfStopping()
        progress.finish()
        if let cache { context.standardError.write(CacheReport.line(tally.counts, settings: cache, trim: CacheTrim.trim(cache))) }
        let trouble = judgeGenerated(live, order: plan.cells.map(\.id), outDir: out)
        if let trouble { live.updateMetadata { $0.generatorTrouble = trouble.isEmpty ? nil : trouble } }
        guard let (finalMetadata, cells, loader) = live.finish(order: plan.cells.map(\.id)) else {
            await interruption?.holdIfStopping()
            // LiveReport said why report.json could not be written.
            throw ExitStatus(2)
        }
        context.standardOutput.write(ResultGrid.render(cells, axes: axes?.configurationAxisNames ?? PlanAxes.builtInConfigurationAxes))
        if let trouble { context.standardOutput.write(WrongCodeSummary.render(cells, generatorTrouble: trouble, reportPath: out + "/report.json")) }
        context.standardOutput.write(RunSummary.render(cells, reportPath: out + "/report.json"))
        return RunOutcome(metadata: finalMetadata, cells: cells, loader: loader)
    }

    /// The files a run owns in OUT, and any temporary file a killed writer left beside them.
    static func clearPreviousRun(in out: String) {
        let fm = FileManager.default
        let owned = ["work", "logs"] + ReportFormat.fileNames
        for name in owned { try? fm.removeItem(atPath: out + "/" + name) }
        for name in (try? fm.contentsOfDirectory(atPath: out)) ?? [] {
            guard let cut = name.range(of: AtomicFile.temporaryInfix), owned.contains(String(name[..<cut.lowerBound])) else { continue }
            try? fm.removeItem(atPath: out + "/" + name)
        }
    }
}
