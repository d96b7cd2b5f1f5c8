import Model

/// How the writers describe a cell's reruns (`toolgate run --repeat N`): one line per attempt.
package enum FlakyAttempts {
    /// `attempt 1: fail (exit 1, 3 ms): expected exit 0, got 1`; empty without reruns.
    package static func lines(_ cell: CellRecord) -> [String] {
        (cell.attempts ?? []).enumerated().map { i, a in
            let how = a.signal.map { "killed by \($0)" } ?? "exit \(a.exitCode.map(String.init) ?? "none")"
            return "attempt \(i + 1): \(a.status.rawValue) (\(how), \(a.durationMs) ms)" + (a.reason.map { ": \($0)" } ?? "")
        }
    }

    /// `passed on attempt 2 of 3` for a flaky cell.
    package static func headline(_ cell: CellRecord) -> String {
        let attempts = cell.attempts ?? []
        let passed = attempts.firstIndex { $0.status == .pass }.map { "passed on attempt \($0 + 1)" } ?? "passed on a rerun"
        return "flaky: \(passed) of \(attempts.count) run\(attempts.count == 1 ? "" : "s")"
    }
}
