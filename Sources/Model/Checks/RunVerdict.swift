/// Turns a run step's result into a status, against the fixture's expectations.
package enum RunVerdict {
    package struct Outcome: Sendable, Equatable {
        package var status: CellStatus
        package var reason: String?

        package init(status: CellStatus, reason: String?) {
            self.status = status
            self.reason = reason
        }
    }

    /// `needed`: the program's DT_NEEDED list, when it was inspected (LoaderReason tells who needed a library).
    package static func judge(run: CommandRecord, fullStdout: String, fullStderr: String, cell: Cell, needed: [String]? = nil) -> Outcome {
        var outcome = judgeExit(run: run, fullStdout: fullStdout, fullStderr: fullStderr, cell: cell)
        if let said = failureCause(outcome, run: run, stderr: fullStderr, cell: cell, needed: needed) { outcome.reason = said }
        return outcome
    }

    /// What broke, when the exit or signal was wrong and the loader, glibc, qemu or the CPU says why. A
    /// timeout, a limit's signal (SIGXFSZ, SIGXCPU: their reasons say it) or wrong output keeps its reason.
    static func failureCause(_ o: Outcome, run: CommandRecord, stderr: String, cell: Cell, needed: [String]?) -> String? {
        let a = cell.fixture.annotations
        let wrongEnd = run.signal.map { $0 != a.expectedSignal && $0 != "SIGXFSZ" && $0 != "SIGXCPU" }
            ?? (a.expectedSignal != nil || run.exitCode != a.expectedExit)
        guard o.status == .fail || o.status == .crash, !run.timedOut, wrongEnd else { return nil }
        if let said = LoaderReason.reason(stderr: stderr, needed: needed, sysroot: cell.target.sysroot) { return said }
        if run.signal == "SIGILL", cell.fixture.annotations.expectedSignal != "SIGILL" { return IllegalInstruction.reason(target: cell.target) }
        return nil
    }

    static func judgeExit(run: CommandRecord, fullStdout: String, fullStderr: String, cell: Cell) -> Outcome {
        let a = cell.fixture.annotations
        if run.timedOut { return Outcome(status: .timeout, reason: "the program ran past the step timeout and was killed") }
        if let signal = run.signal {
            if signal == "SIGXFSZ" {
                return Outcome(status: .crash, reason: "killed by SIGXFSZ: the program's output passed the output limit")
            }
            if signal == "SIGXCPU" {
                return Outcome(status: .crash, reason: "killed by SIGXCPU: the program passed the CPU-time limit")
            }
            guard signal == a.expectedSignal else {
                return Outcome(status: .crash, reason: "killed by \(signal)" + (a.expectedSignal.map { ", expected \($0)" } ?? ""))
            }
        } else if let expected = a.expectedSignal {
            return Outcome(status: .fail, reason: "expected death by \(expected), exited \(run.exitCode ?? -1)")
        } else if run.exitCode != a.expectedExit {
            return Outcome(status: .fail, reason: "expected exit \(a.expectedExit), got \(run.exitCode ?? -1)")
        }
        if let expected = a.expectedStdout(target: cell.target.name), let diff = stdoutDifference(expected: expected, actual: fullStdout) {
            return Outcome(status: .fail, reason: diff)
        }
        for needle in a.expectedStderr where !fullStderr.contains(needle) {
            return Outcome(status: .fail, reason: "stderr does not contain '\(needle)'")
        }
        return Outcome(status: .pass, reason: nil)
    }

    /// nil when equal; else where they first differ. A missing final newline is not a difference.
    package static func stdoutDifference(expected: [String], actual: String) -> String? {
        var text = actual
        if text.hasSuffix("\n") { text.removeLast() }
        let lines = text.isEmpty && expected != [""] ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines == expected { return nil }
        for i in 0..<max(lines.count, expected.count) {
            let want = i < expected.count ? "'\(expected[i])'" : "end of output"
            let got = i < lines.count ? "'\(lines[i])'" : "end of output"
            if want != got { return "stdout line \(i + 1): expected \(want), got \(got)" }
        }
        return "stdout differs"
    }

    /// Hints from a failed run's stderr: a shared library the loader or glibc could not find.
    package static func notes(stderr: String) -> [String] {
        var notes: [String] = []
        for line in stderr.split(separator: "\n") {
            if let r = line.range(of: "error while loading shared libraries: ") {
                let lib = line[r.upperBound...].prefix(while: { $0 != ":" })
                notes.append("missing shared library \(lib) at run time: the loader could not find it on the target's library path")
            } else if line.contains("must be installed for pthread_cancel to work") {
                let lib = line.split(separator: " ").first(where: { $0.hasPrefix("libgcc_s") }) ?? "libgcc_s.so.1"
                notes.append("missing shared library \(lib) at run time: glibc dlopens it for pthread_cancel and unwinding")
            }
        }
        return notes
    }
}
