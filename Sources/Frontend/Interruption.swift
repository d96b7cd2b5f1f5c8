import Execution
import Model
import Foundation
import Reporting
import Synchronization

/// What SIGINT and SIGTERM do to a command that starts processes (`run`, `doctor`, `repro --exec`).
///
/// The first signal: freeze the run's report, close the process registry (every step's group killed, no
/// new step started), wait for those groups to die and remove what their steps were writing, stop the
/// file writers, save report.json with `complete: false`, exit 130. A second signal: kill the groups
/// again and exit 130 at once; report.json is then the last one saved, whole, because every save renames.
package final class Interruption: Sendable {
    private let stopping = Atomic<Bool>(false)
    /// The command's own flow has stopped at `holdIfStopping`: it starts, prints and writes nothing more.
    private let parked = Atomic<Bool>(false)
    /// Held while the run makes its report, so an interrupt then waits and saves that report.
    private let making = Mutex(())
    private let report = Mutex<LiveReport?>(nil)
    private let cleanup: @Sendable () -> Void
    private let watch = Mutex<SignalWatch?>(nil)
    /// Whose processes an interrupt kills, whose writes it stops, where it says so.
    package let context: RunContext

    /// `cleanup` runs before the exit (a temporary directory to remove).
    package static func install(_ context: RunContext, cleanup: @escaping @Sendable () -> Void = {}) -> Interruption {
        let interruption = Interruption(context: context, cleanup: cleanup)
        let watch = SignalWatch(
            first: { [interruption] sig in context.boundSync { interruption.stop(signal: sig) } },
            again: { [interruption] in context.boundSync { interruption.stopNow() } },
            warnings: context.standardError)
        interruption.watch.withLock { $0 = watch }
        return interruption
    }

    private init(context: RunContext, cleanup: @escaping @Sendable () -> Void) {
        self.context = context
        self.cleanup = cleanup
    }

    package var isStopping: Bool { stopping.load(ordering: .sequentiallyConsistent) }

    /// Makes the run's report (clearing OUT and saving the first report.json) with interrupts held off.
    func attach(_ make: () -> LiveReport) -> LiveReport {
        making.withLock { _ in
            let live = make()
            report.withLock { $0 = live }
            return live
        }
    }

    /// Suspends for good once an interrupt is under way: its thread ends the process, and until then the
    /// command must neither print a result nor write a file nor exit with a status of its own.
    package func holdIfStopping() async {
        guard isStopping else { return }
        parked.store(true, ordering: .sequentiallyConsistent)
        while true { try? await Task.sleep(for: .seconds(60)) }
    }

    /// `holdIfStopping` for a command that waits on a thread (repro --exec).
    package func holdThreadIfStopping() {
        guard isStopping else { return }
        parked.store(true, ordering: .sequentiallyConsistent)
        while true { sleep(60) }
    }

    private func stop(signal: Int32) {
        stopping.store(true, ordering: .sequentiallyConsistent)
        making.withLock { _ in }
        let live = report.withLock { $0 }
        let finished = live?.freeze()
        let registry = context.processes
        registry.closeAndKillAll()
        registry.waitForStarts(upTo: .milliseconds(500))
        let killed = registry.killedGroups
        ProcessTable.waitUntilGone(Set(killed.keys), upTo: .seconds(2))
        // A compiler or linker killed half way may leave its output half-written; nothing may look whole.
        for path in killed.values.joined() { unlink(path) }
        // With every step refused, the command's flow runs out quickly and parks; until then it may
        // still create a directory the cleanup would miss.
        let deadline = ContinuousClock.now + .seconds(1)
        while !parked.load(ordering: .sequentiallyConsistent), ContinuousClock.now < deadline { usleep(2_000) }
        context.writes.stop(waitingUpTo: .seconds(1))
        live?.saveFrozen()
        cleanup()
        let name = signal == SIGTERM ? "SIGTERM" : "SIGINT"
        if let live, let finished, finished.complete {
            context.standardError.write("\ntoolgate: \(name): stopped after the last cell; \(live.path) is complete\n")
        } else if let live, let finished {
            context.standardError.write("\ntoolgate: \(name): stopped; \(live.path) is marked incomplete (\(finished.cells) cells finished)\n")
        } else {
            context.standardError.write("\ntoolgate: \(name): stopped\n")
        }
        _exit(130)
    }

    private func stopNow() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        let live = report.withLock { $0 }
        live?.freeze()
        context.processes.closeAndKillAll()
        // A write under way takes milliseconds: let it rename rather than leave its temporary file.
        context.writes.stop(waitingUpTo: .milliseconds(100))
        live?.removeSpool()
        context.processes.waitForStarts(upTo: .milliseconds(50))
        context.standardError.write("\ntoolgate: second signal: stopped at once\n")
        _exit(130)
    }
}
