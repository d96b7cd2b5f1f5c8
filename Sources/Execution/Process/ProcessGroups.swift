import Foundation
import Synchronization

/// The process groups of the steps now running, so an interrupted run can end them all.
///
/// The launcher starts every child as the leader of a new process group (`setpgid(0, 0)` in the child:
/// its PGID is its PID), so `kill(-pid, SIGKILL)` reaches the child and everything it started that did
/// not leave the group, such as a compiler wrapper's children.
///
/// An interrupt *closes* the registry: every group is killed, and under the same lock no new step may
/// start, while a step whose process was already being started is killed the moment it registers. So
/// no step can slip between "kill them all" and the exit.
///
/// A run's registry is its context's (Frontend's RunContext), bound as `current` for the run's tasks, so
/// two contexts never see each other's steps. Code outside any context (library tests) uses `unbound`.
package final class ProcessGroups: Sendable {
    /// The registry of steps started outside any run context.
    package static let unbound = ProcessGroups()
    /// The registry every step of this task registers with.
    @TaskLocal package static var current = unbound

    private struct State {
        /// Running groups and the files each step writes (`-o`), which a kill may leave half-written.
        var running: [Int32: [String]] = [:]
        /// Starts under way: reserved, not yet registered (or failed).
        var starting = 0
        var closed = false
        /// Every group killed by the close or after it, with its outputs.
        var killed: [Int32: [String]] = [:]
    }
    private let state = Mutex(State())

    package init() {}

    /// Asked before a process starts: false once closed, and then nothing may be started.
    package func reserveStart() -> Bool {
        state.withLock { s in
            guard !s.closed else { return false }
            s.starting += 1
            return true
        }
    }

    /// The reserved start failed: no process exists.
    package func cancelStart() { state.withLock { $0.starting -= 1 } }

    /// The reserved start succeeded. Once closed, the new group is killed at once.
    package func add(_ pgid: Int32, outputs: [String] = []) {
        state.withLock { s in
            s.starting -= 1
            s.running[pgid] = outputs
            if s.closed {
                s.killed[pgid] = outputs
                Self.kill(group: pgid)
            }
        }
    }

    package func remove(_ pgid: Int32) { state.withLock { _ = $0.running.removeValue(forKey: pgid) } }

    /// SIGKILL to one whole group; a group already gone is not an error.
    package static func kill(group pgid: Int32) {
        guard pgid > 1 else { return }
        _ = Glibc.kill(-pgid, SIGKILL)
    }

    /// Kills every running group and refuses every later start. Safe to call again (a second signal).
    package func closeAndKillAll() {
        state.withLock { s in
            s.closed = true
            for (g, outputs) in s.running {
                s.killed[g] = outputs
                Self.kill(group: g)
            }
        }
    }

    package var isClosed: Bool { state.withLock { $0.closed } }

    /// Waits (polling) until every start under way has registered, and so been killed, or failed.
    package func waitForStarts(upTo limit: Duration) {
        let deadline = ContinuousClock.now + limit
        while state.withLock({ $0.starting > 0 }), ContinuousClock.now < deadline { usleep(2_000) }
    }

    /// The groups killed by the close or after it, and the files their steps were writing.
    package var killedGroups: [Int32: [String]] { state.withLock { $0.killed } }

    package var count: Int { state.withLock { $0.running.count } }
}
