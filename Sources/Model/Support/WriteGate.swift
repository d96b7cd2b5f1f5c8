import Foundation
import Synchronization

/// Counts the atomic writes under way, and once stopped lets no new one begin.
///
/// A run's gate is its context's (Frontend's RunContext), bound as `current` for the run's tasks; the
/// interrupt stops that one. Code outside any context (library tests) writes through `unbound`.
package final class WriteGate: Sendable {
    /// The gate of writes made outside any run context.
    package static let unbound = WriteGate()
    /// The gate every AtomicFile write of this task goes through.
    @TaskLocal package static var current = unbound

    private struct State {
        var inFlight = 0
        var stopped = false
    }
    private let state = Mutex(State())

    package init() {}

    /// false when stopped (unless `evenAfterStop`); every true must be matched by `leave()`.
    package func enter(evenAfterStop: Bool = false) -> Bool {
        state.withLock { s in
            guard !s.stopped || evenAfterStop else { return false }
            s.inFlight += 1
            return true
        }
    }

    package func leave() { state.withLock { $0.inFlight -= 1 } }

    /// Stops the gate, then polls until no write is under way or `limit` has passed.
    package func stop(waitingUpTo limit: Duration) {
        state.withLock { $0.stopped = true }
        let deadline = ContinuousClock.now + limit
        while state.withLock({ $0.inFlight > 0 }), ContinuousClock.now < deadline { usleep(2_000) }
    }

    package var isStopped: Bool { state.withLock { $0.stopped } }
}
