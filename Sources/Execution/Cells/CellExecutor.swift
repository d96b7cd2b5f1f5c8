import ELFInspection
import Foundation
import Model

/// Link, inspect, run and judge one cell whose objects are built.
struct CellExecutor: Sendable {
    var commands: BuildCommands
    var layout: UnitLayout
    var unit: BuildUnit
    var permits: AsyncSemaphore
    /// `--repeat N`: how many more times a failed run step runs.
    var repeats = 0
    var cache: BuildCache?

    func run(_ cell: Cell, compileSteps: [CommandRecord]) async -> CellRecord {
        var r = CellRecord(cell: cell, status: .pass)
        r.commands = compileSteps
        let dir = layout.cellDir(cell.link)
        try? FileManager.default.removeItem(atPath: dir)
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let timeout = commands.timeout(cell)

        let libraries = cell.fixture.linkedLibraries + cell.fixture.dlopenLibraries
        var links = libraries.map { ("link-lib\($0)", commands.linkLibrary($0, cell: cell, unit: unit, layout: layout)) }
        links.append(("link", commands.linkProgram(cell, unit: unit, layout: layout)))
        for (name, argv) in links {
            let o = await StepExecution.build(.link, argv: argv, cwd: dir, name: name, timeout: timeout, permits: permits, cache: cache)
            r.commands.append(o.record)
            r.durationMs += o.result.durationMs
            if !o.result.succeeded {
                r.status = o.result.timedOut ? .timeout : .linkError
                r.reason = StepExecution.summary(o)
                return r
            }
        }

        let binary = dir + "/" + UnitLayout.program
        switch ELFInspector.inspect(path: binary) {
        case .facts(let facts):
            r.elf = facts
            r.violations = ELFInvariants.check(facts, cell: cell)
            if let foreign = ELFInvariants.foreignBinary(facts, target: cell.target) {
                r.status = .policy
                r.reason = "not run: " + foreign.message
                return r
            }
        case .failure(_, let error):
            r.violations = [Violation("inspect", error.description)]
        }

        let o = await runStep(cell, dir: dir, attempt: 1)
        r.commands.append(o.record)
        r.durationMs += o.result.durationMs
        if let launch = o.result.launchError {
            r.take(o)
            r.status = .skipped
            r.reason = launch
            return r
        }
        let verdict = RunVerdict.judge(run: o.record, fullStdout: o.stdout, fullStderr: o.stderr, cell: cell)
        r.take(o)
        r.status = verdict.status
        r.reason = verdict.reason
        if verdict.status.isRerunnable, repeats > 0 { await rerun(cell, dir: dir, first: o, verdict: verdict, into: &r) }
        // A generated program's output is its checksum; the run's verdict pass (WrongCodeVerdicts) compares them.
        if cell.fixture.generated != nil { r.checksum = Checksum.parse(r.stdout) }
        if r.status == .pass || r.status == .flaky, let first = r.violations.first {
            r.status = .policy
            r.reason = first.description + (r.violations.count > 1 ? " (and \(r.violations.count - 1) more)" : "")
        }
        return r
    }

    /// The run step alone, in the cell's directory; attempt 1 writes run.stdout, a rerun run-2.stdout and so on.
    func runStep(_ cell: Cell, dir: String, attempt: Int) async -> StepExecution.Outcome {
        await StepExecution.run(
            .run, argv: commands.run(cell), cwd: dir, name: attempt == 1 ? "run" : "run-\(attempt)", timeout: commands.runTimeout(cell),
            limits: commands.matrix.limits, permits: permits)
    }
}

extension CellRecord {
    /// The program's exit, output and hints from one run of its run step.
    mutating func take(_ o: StepExecution.Outcome) {
        exitCode = o.result.exitCode
        signal = o.result.signal
        stdout = o.stdout
        stderr = o.stderr
        notes = RunVerdict.notes(stderr: o.stderr)
    }
}
