import Model

/// `toolgate run --repeat N`: a run step that failed (fail, crash or timeout) runs again, up to N more
/// times, in the same directory with the same binary. A rerun that passes makes the cell `flaky`; when
/// every run fails the cell keeps its first failure. Every run is kept in the record's `attempts`.
extension CellExecutor {
    func rerun(_ cell: Cell, dir: String, first: StepExecution.Outcome, verdict: RunVerdict.Outcome, into r: inout CellRecord) async {
        var attempts = [RunAttempt(first, verdict)]
        for n in 2...(repeats + 1) {
            let o = await runStep(cell, dir: dir, attempt: n, dynamic: r.elf.map { $0.interpreter != nil } ?? true)
            r.durationMs += o.result.durationMs
            let v: RunVerdict.Outcome
            if let launch = o.result.launchError {
                v = RunVerdict.Outcome(status: .skipped, reason: launch)
            } else {
                v = RunVerdict.judge(run: o.record, fullStdout: o.stdout, fullStderr: o.stderr, cell: cell, needed: r.elf?.needed)
            }
            attempts.append(RunAttempt(o, v))
            if v.status == .pass {
                r.commands.append(o.record)
                r.take(o)
                r.status = .flaky
                r.reason = "passed on attempt \(n) of up to \(repeats + 1); attempt 1: \(verdict.reason ?? verdict.status.rawValue)"
                break
            }
        }
        r.attempts = attempts
        if r.status != .flaky {
            r.reason = (verdict.reason ?? verdict.status.rawValue) + " (failed all \(attempts.count) attempts)"
        }
    }
}

extension RunAttempt {
    init(_ o: StepExecution.Outcome, _ v: RunVerdict.Outcome) {
        self.init(
            status: v.status, reason: v.reason, exitCode: o.result.exitCode, signal: o.result.signal, stdout: o.stdout, stderr: o.stderr,
            durationMs: o.result.durationMs)
    }
}
