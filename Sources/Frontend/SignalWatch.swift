import Foundation
import Model

/// The write end of the watch's pipe; set once, before the handlers are installed.
nonisolated(unsafe) private var signalPipe: Int32 = -1

/// SIGINT and SIGTERM, for the rest of the process's life, through a self-pipe: the handler writes the
/// signal's number into a pipe (write(2) is async-signal-safe), and a thread of the watch reads it.
///
/// Not Dispatch signal sources: those need the signal ignored first, and one that arrives before the
/// source is armed is lost (seen: a SIGINT 50 ms after the start was ignored and the run went on), and a
/// source's handler does not run again while it is still running. A real handler also does not pass
/// on an ignored SIGINT to every compiler the run starts, as SIG_IGN does across exec.
///
/// The first signal's work (kill, wait, save) runs on a thread of its own, so the reader is free to see
/// a second signal, of either kind, and handle it at once.
final class SignalWatch: Sendable {
    /// `first` runs on a new thread; `again`, for any later signal, on the reader thread; `warnings`: the run context's stderr.
    init(first: @escaping @Sendable (Int32) -> Void, again: @escaping @Sendable () -> Void, warnings: TextSink) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            warnings.write(Diagnostic.warning("cannot watch for SIGINT and SIGTERM (pipe failed)"))
            return
        }
        // No step may inherit the pipe; a full pipe (a flood of signals) must not block the handler.
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
        signalPipe = ends[1]
        let reader = ends[0]
        Thread.detachNewThread {
            var seen = 0
            var byte: UInt8 = 0
            while true {
                let n = read(reader, &byte, 1)
                if n < 0, errno == EINTR { continue }
                guard n == 1 else { return }
                seen += 1
                if seen == 1 {
                    let sig = Int32(byte)
                    Thread.detachNewThread { first(sig) }
                } else {
                    again()
                }
            }
        }
        for sig in [SIGINT, SIGTERM] {
            // glibc's signal(): the handler stays installed and interrupted system calls restart.
            _ = signal(sig) { sig in
                let saved = errno
                var byte = UInt8(truncatingIfNeeded: sig)
                _ = write(signalPipe, &byte, 1)
                errno = saved
            }
        }
    }
}
