import Foundation
import Model
import Synchronization

/// What the terminal shows while cells finish: on a TTY one live line (done/total, failures, ETA);
/// otherwise one plain line per finished cell that did not pass, and a line every 10% of the run.
package final class Progress: Sendable {
    private struct State {
        var done = 0
        var failures = 0
        var lastPercent = 0
    }
    private let total: Int
    private let isTTY: Bool
    private let start = ContinuousClock.now
    private let state = Mutex(State())
    /// Where the lines go: stderr, or the run context's.
    private let output: @Sendable (String) -> Void

    package init(
        total: Int, isTTY: Bool = isatty(STDERR_FILENO) == 1,
        output: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) {
        self.total = total
        self.isTTY = isTTY
        self.output = output
    }

    package func cellFinished(_ r: CellRecord) {
        let line: String = state.withLock { s in
            s.done += 1
            if r.status.isFailure { s.failures += 1 }
            var out = ""
            // A flaky cell is named as it finishes too: it passed only on a rerun.
            if r.status.isFailure || r.status == .flaky {
                out += (isTTY ? "\r\u{1B}[K" : "") + "\(r.status.rawValue.uppercased()): \(r.id)" + (r.reason.map { ": \(Progress.oneLine($0))" } ?? "") + "\n"
            }
            if isTTY {
                out += "\r\u{1B}[K" + status(s)
            } else {
                let percent = total == 0 ? 100 : s.done * 100 / total
                if percent / 10 > s.lastPercent / 10 || s.done == total {
                    s.lastPercent = percent
                    out += status(s) + "\n"
                }
            }
            return out
        }
        output(line)
    }

    package func finish() {
        if isTTY { output("\r\u{1B}[K") }
    }

    private func status(_ s: State) -> String {
        let elapsed = Double((ContinuousClock.now - start) / .milliseconds(1)) / 1000
        var text = "[\(s.done)/\(total)] \(s.failures) failed"
        if s.done > 0, s.done < total {
            let eta = elapsed / Double(s.done) * Double(total - s.done)
            text += ", ETA \(Int(eta.rounded()))s"
        } else {
            text += ", \(Int(elapsed.rounded()))s"
        }
        return text
    }

    /// The first line, at most 200 characters, with control characters (a program's escape codes) shown as '?'.
    package static func oneLine(_ s: String) -> String {
        let first = s.split(separator: "\n").first.map(String.init) ?? s
        return String(String.UnicodeScalarView(first.unicodeScalars.prefix(200).map {
            $0.value < 0x20 || $0.value == 0x7F ? "?" : $0
        }))
    }
}
