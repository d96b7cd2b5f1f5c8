import Model

/// Runs one step and turns it into the record a report keeps.
enum StepExecution {
    /// Every step runs with LC_ALL=C: compiler diagnostics and program output do not depend on the caller's locale.
    static let env = ["LC_ALL": "C"]

    struct Outcome {
        var record: CommandRecord
        var result: StepResult
        /// Up to the run cap; the cell's verdict reads these.
        var stdout: String
        var stderr: String
        /// Run steps: how the step was sealed ("bwrap", "none") and what its program's loader mapped.
        var sandbox: String?
        var loaded: [LoadedObject]?
    }

    static func run(
        _ step: CommandRecord.Step, argv: [String], cwd: String, name: String, timeout: Int, limits: RunLimits? = nil,
        permits: AsyncSemaphore
    ) async -> Outcome {
        let request = StepRequest(
            argv: argv, cwd: cwd, env: env, timeoutSeconds: timeout, limits: limits,
            stdoutPath: "\(cwd)/\(name).stdout", stderrPath: "\(cwd)/\(name).stderr")
        // -j counts processes: a step waits for a permit, not a thread.
        await permits.acquire()
        let result = await ProcessRunner.run(request)
        await permits.release()
        let out = CapturedOutput.read(request.stdoutPath, cap: cap(step))
        let err = CapturedOutput.read(request.stderrPath, cap: cap(step))
        let record = CommandRecord(
            step: step, argv: argv, cwd: cwd, env: env, limits: request.limitFlags, exitCode: result.exitCode,
            signal: result.signal, timedOut: result.timedOut, durationMs: result.durationMs, stdout: out, stderr: err)
        return Outcome(record: record, result: result, stdout: out, stderr: err)
    }

    /// A compile or link step: through the cache when the run has one.
    static func build(
        _ step: CommandRecord.Step, argv: [String], cwd: String, name: String, timeout: Int, permits: AsyncSemaphore,
        cache: BuildCache?
    ) async -> Outcome {
        if let cache, let output = StepRequest.outputOperand(argv) {
            return await cache.run(step, argv: argv, cwd: cwd, name: name, output: output, timeout: timeout, permits: permits)
        }
        return await run(step, argv: argv, cwd: cwd, name: name, timeout: timeout, permits: permits)
    }

    /// How much of a step's output the report keeps: more for the program's run than for tools.
    static func cap(_ step: CommandRecord.Step) -> Int { step == .run ? CapturedOutput.reportCap : 16 * 1024 }

    /// "gcc exited 1: main.c:3:1: error: ..." — the tool's first real error line (ToolErrorLine: the
    /// undefined reference, not "collect2: error: ld returned 1 exit status"), else its first line.
    static func summary(_ o: Outcome) -> String {
        let what = o.record.argv.first.map { ($0 as String).split(separator: "/").last.map(String.init) ?? $0 } ?? "step"
        let how: String
        if o.result.timedOut {
            how = "timed out"
        } else if let launch = o.result.launchError {
            return launch
        } else if let s = o.result.signal {
            how = "was killed by \(s)"
        } else {
            how = "exited \(o.result.exitCode ?? -1)"
        }
        return "\(what) \(how)" + (ToolErrorLine.first(in: o.stderr).map { ": \($0)" } ?? "")
    }
}
