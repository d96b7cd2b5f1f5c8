import ELFInspection
import Foundation
import Model

/// Link, inspect, run and judge one cell whose objects are built.
struct CellExecutor: Sendable {
    var commands: BuildCommands
    var layout: UnitLayout
    var unit: BuildUnit
    var permits: AsyncSemaphore

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
            let o = await StepExecution.run(.link, argv: argv, cwd: dir, name: name, timeout: timeout, permits: permits)
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

        let o = await StepExecution.run(
            .run, argv: commands.run(cell), cwd: dir, name: "run", timeout: timeout, limits: commands.matrix.limits,
            permits: permits)
        r.commands.append(o.record)
        r.durationMs += o.result.durationMs
        r.exitCode = o.result.exitCode
        r.signal = o.result.signal
        r.stdout = o.stdout
        r.stderr = o.stderr
        r.notes = RunVerdict.notes(stderr: o.stderr)
        if let launch = o.result.launchError {
            r.status = .skipped
            r.reason = launch
            return r
        }
        let verdict = RunVerdict.judge(run: o.record, fullStdout: o.stdout, fullStderr: o.stderr, cell: cell)
        r.status = verdict.status
        r.reason = verdict.reason
        if r.status == .pass, let first = r.violations.first {
            r.status = .policy
            r.reason = first.description + (r.violations.count > 1 ? " (and \(r.violations.count - 1) more)" : "")
        }
        return r
    }
}
