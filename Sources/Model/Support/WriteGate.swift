import Foundation
import Synchronization

/// Counts the atomic writes under way, and once stopped lets no new one begin.
final class WriteGate: Sendable {
    private struct State {
        var inFlight = 0
        var stopped = false
    }
    private let state = Mutex(State())

    /// false when stopped (unless `evenAfterStop`); every true must be matched by `leave()`.
    func enter(evenAfterStop: Bool = false) -> Bool {
        state.withLock { s in
            guard !s.stopped || evenAfterStop else { return false }
            s.inFlight += 1
            return true
        }
    }

    func leave() { state.withLock { $0.inFlight -= 1 } }

    /// Stops the gate, then polls until no write is under way or `limit` has passed.
    func stop(waitingUpTo limit: Duration) {
        state.withLock { $0.stopped = true }
        let deadline = ContinuousClock.now + limit
        while state.withLock({ $0.inFlight > 0 }), ContinuousClock.now < deadline { usleep(2_000) }
    }

    var isStopped: Bool { state.withLock { $0.stopped } }
}
