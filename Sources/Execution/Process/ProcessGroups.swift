import Foundation
import Synchronization

/// The process groups of the steps now running, so an interrupted run can end them all.
///
/// Foundation's `Process` on Linux starts every child as the leader of a new process group
/// (checked on this machine: the child's PGID is its PID), so `kill(-pid, SIGKILL)` reaches the child
/// and everything it started that did not leave the group, such as a compiler wrapper's children.
package final class ProcessGroups: Sendable {
    package static let shared = ProcessGroups()
    private let groups = Mutex<Set<Int32>>([])

    func add(_ pgid: Int32) { groups.withLock { _ = $0.insert(pgid) } }
    func remove(_ pgid: Int32) { groups.withLock { _ = $0.remove(pgid) } }

    /// SIGKILL to one whole group; a group already gone is not an error.
    package static func kill(group pgid: Int32) {
        guard pgid > 1 else { return }
        _ = Glibc.kill(-pgid, SIGKILL)
    }

    package func killAll() {
        for g in groups.withLock({ Array($0) }) { Self.kill(group: g) }
    }

    package var count: Int { groups.withLock { $0.count } }
}
