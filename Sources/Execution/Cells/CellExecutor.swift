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
    /// Parsed libraries shared by every cell of the run, for the resolution of each binary.
    var linkFacts = LinkFactsCache()

    func run(_ cell: Cell, compileSteps: [CommandRecord]) async -> CellRecord {
        var r = CellRecord(cell: cell, status: .pass)
        r.commands = compileSteps
        let dir = layout.cellDir(cell)
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
        // libelf and libdw read the whole file: off the cooperative pool (BlockingPool).
        switch await BlockingPool.run({ ELFInspector.inspect(path: binary) }) {
        case .facts(let facts):
            r.elf = facts
            r.violations = ELFInvariants.check(facts, cell: cell)
            if !cell.choices.isEmpty { r.expectations = ELFInvariants.effective(cell).map(\.applied) }
            if let foreign = ELFInvariants.foreignBinary(facts, target: cell.target) {
                r.status = .policy
                r.reason = "not run: " + foreign.message
                return r
            }
            r.resolution = CellResolution.problems(
                binary: binary, facts: facts, cell: cell, cellDir: dir, cache: linkFacts)
        case .failure(_, let error):
            r.violations = [Violation("inspect", error.description)]
        }

        let o = await runStep(cell, dir: dir, attempt: 1, dynamic: r.elf.map { $0.interpreter != nil } ?? true)
        r.commands.append(o.record)
        r.durationMs += o.result.durationMs
        if let launch = o.result.launchError {
            r.take(o)
            r.status = .skipped
            r.reason = launch
            return r
        }
        var verdict = RunVerdict.judge(run: o.record, fullStdout: o.stdout, fullStderr: o.stderr, cell: cell, needed: r.elf?.needed)
        if let reason = verdict.reason, o.result.signal == "SIGILL", reason.hasPrefix("illegal instruction"),
           let found = await FaultingInstruction.find(
               argv: o.record.argv, dir: dir, machine: cell.target.machine, sealed: o.sandbox == "bwrap", timeout: timeout, limits: commands.matrix.limits, permits: permits) {
            verdict.reason = reason + ": " + found.description
        }
        r.take(o)
        r.status = verdict.status
        r.reason = verdict.reason
        if verdict.status.isRerunnable, repeats > 0 { await rerun(cell, dir: dir, first: o, verdict: verdict, into: &r) }
        if r.status.isFailure, let missing = LoaderReport.missingNote(r.loaded, besides: r.reason) { r.reason = (r.reason.map { $0 + "; " } ?? "") + missing }
        if let leak = HostLeak.find(r.loaded, sysroot: cell.sysroot, cellDir: dir), r.status != .timeout {
            r.reason = leak + (r.reason.map { "; the run: " + $0 } ?? "")
            r.status = .policy
        }
        // A generated program's output is its checksum; the run's verdict pass (WrongCodeVerdicts) compares them.
        if cell.fixture.generated != nil { r.checksum = Checksum.parse(r.stdout) }
        if r.status == .pass || r.status == .flaky, let first = r.violations.first {
            r.status = .policy
            r.reason = first.description + (r.violations.count > 1 ? " (and \(r.violations.count - 1) more)" : "")
        }
        // What the loader would refuse comes first in the reason; a binary that ran anyway (a qemu -L
        // fallback to the host's files) did not run as its sysroot would: policy.
        if let unresolved = CellResolution.summary(r.resolution ?? []) {
            if r.status == .pass || r.status == .flaky {
                r.status = .policy
                r.reason = "resolution: " + unresolved
            } else if r.status != .policy, !CellResolution.alreadyNamed(r.resolution ?? [], in: r.reason) {
                r.reason = unresolved + (r.reason.map { "; " + $0 } ?? "")
            }
        }
        return r
    }

    /// The run step alone, in the cell's directory; attempt 1 writes run.stdout, a rerun run-2.stdout and so on.
    /// The argv comes from `RunStepCommand`: sandboxed when the run is, with the loader's report on.
    func runStep(_ cell: Cell, dir: String, attempt: Int, dynamic: Bool) async -> StepExecution.Outcome {
        let name = attempt == 1 ? "run" : "run-\(attempt)"
        let command = commands.runStep(cell, cellDir: dir, name: name, dynamic: dynamic)
        if let report = command.loaderReport { LoaderReport.clear(prefix: report) }
        var o = await StepExecution.run(
            .run, argv: command.argv, cwd: dir, name: name, timeout: commands.runTimeout(cell),
            limits: commands.matrix.limits, permits: permits)
        if command.sandbox == "bwrap" { o.unwrapSandboxExit() }
        o.sandbox = command.sandbox
        if let report = command.loaderReport, let text = LoaderReport.read(prefix: report, program: "./" + UnitLayout.program) {
            o.loaded = LoaderReport.parse(text).map {
                LoadedObject(name: $0.name, path: $0.path.map { p in command.hostPath(p, cellDir: dir) }, via: $0.via)
            }
        }
        return o
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
        sandbox = o.sandbox
        loaded = o.loaded
    }
}
