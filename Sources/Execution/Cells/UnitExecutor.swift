import ELFInspection
import Foundation
import Model

/// Builds one unit's objects once, then links, inspects and runs each of its cells (one per link mode).
/// Whatever goes wrong is the cells' result; nothing here throws.
package struct UnitExecutor: Sendable {
    package var commands: BuildCommands
    package var workDir: String
    /// Shared by every unit of a run: at most `jobs` steps at once.
    package var permits: AsyncSemaphore
    /// `--repeat N`: how many more times a cell's failed run step runs (docs/runner.md).
    package var repeats = 0
    /// The build cache for compile and link steps; nil with `--no-cache`.
    package var cache: BuildCache?
    /// Parsed libraries for the cells' resolution, shared by every unit of the run (a class: copies share it).
    package var linkFacts = LinkFactsCache()

    package init(commands: BuildCommands, workDir: String, jobs: Int) {
        self.commands = commands
        self.workDir = workDir
        permits = AsyncSemaphore(limit: jobs)
    }

    package func run(_ unit: BuildUnit) async -> [CellRecord] {
        var records: [CellRecord] = []
        var runnable: [Cell] = []
        for cell in unit.cells {
            if let reason = cell.unsupported {
                records.append(CellRecord(cell: cell, status: .unsupported, reason: reason))
            } else if let errors = nonEmpty(cell.fixture.annotations.errors) {
                records.append(CellRecord(cell: cell, status: .fail, reason: errors.joined(separator: "; ")))
            } else if let missing = nonEmpty(commands.missingTools(cell, unit: unit)) {
                records.append(CellRecord(cell: cell, status: .skipped, reason: missing.joined(separator: "; ")))
            } else if let gap = commands.toolchain.runtimeGap(cell) {
                records.append(CellRecord(cell: cell, status: .skipped, reason: gap))
            } else {
                runnable.append(cell)
            }
        }
        guard !runnable.isEmpty else { return records }
        let layout = UnitLayout(workDir: workDir, unit: unit)
        try? FileManager.default.createDirectory(atPath: layout.objDir, withIntermediateDirectories: true)
        var compileSteps: [CommandRecord] = []
        var compileMs = 0
        for source in unit.fixture.sources {
            let o = await StepExecution.build(
                .compile, argv: commands.compile(source, in: unit, layout: layout), cwd: layout.objDir,
                name: "\(source.fileName).\(commands.compiler(for: source, in: unit).name).compile",
                timeout: commands.timeout(runnable[0]), permits: permits, cache: cache)
            compileSteps.append(o.record)
            compileMs += o.result.durationMs
            if !o.result.succeeded {
                let status: CellStatus = o.result.timedOut ? .timeout : .compileError
                for cell in runnable {
                    var r = CellRecord(cell: cell, status: status, reason: StepExecution.summary(o))
                    r.commands = compileSteps
                    r.durationMs = compileMs
                    records.append(r)
                }
                return records
            }
        }
        // The link modes of a unit are independent once its objects exist.
        let executor = CellExecutor(commands: commands, layout: layout, unit: unit, permits: permits, repeats: repeats, cache: cache, linkFacts: linkFacts)
        let steps = compileSteps
        let compileTotal = compileMs
        await withTaskGroup(of: CellRecord.self) { group in
            for cell in runnable {
                group.addTask {
                    var r = await executor.run(cell, compileSteps: steps)
                    r.durationMs += compileTotal
                    return r
                }
            }
            for await r in group { records.append(r) }
        }
        let order = unit.cells.map(\.id)
        return records.sorted { (order.firstIndex(of: $0.id) ?? 0) < (order.firstIndex(of: $1.id) ?? 0) }
    }

    private func nonEmpty(_ list: [String]) -> [String]? { list.isEmpty ? nil : list }
}
