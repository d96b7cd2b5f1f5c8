import Foundation

/// The one thread every child is made on, alive as long as toolgate is.
///
/// A parent-death signal (`PR_SET_PDEATHSIG`, which bubblewrap's `--die-with-parent` sets on itself) fires
/// when the *thread* that made the process ends, not the process. Made on a Dispatch or cooperative-pool
/// thread, a sealed run step was SIGKILLed the moment that thread was retired as idle (about 5 s later:
/// a looping program read as a crash instead of a timeout). Made here, it dies with toolgate, as meant.
final class LaunchThread: @unchecked Sendable {
    static let shared = LaunchThread()

    /// Guards `jobs`; the thread waits on it. (@unchecked Sendable: every field is used under it.)
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var thread: Thread?

    private init() {
        let thread = Thread { [condition] in LaunchThread.serve(condition) }
        thread.name = "toolgate.launcher"
        self.thread = thread
        thread.start()
    }

    /// Runs `work` on the launcher's thread and waits for it (a clone and an exec: well under a millisecond
    /// of the caller's time). On that thread itself it runs at once.
    func run<T: Sendable>(_ work: @escaping @Sendable () -> T) -> T {
        if Thread.current == thread { return work() }
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        condition.lock()
        jobs.append {
            box.value = work()
            done.signal()
        }
        condition.signal()
        condition.unlock()
        done.wait()
        // The job always sets the value before it signals; the fallback only keeps this free of force unwraps.
        return box.value ?? work()
    }

    private static func serve(_ condition: NSCondition) {
        while true {
            condition.lock()
            while shared.jobs.isEmpty { condition.wait() }
            let job = shared.jobs.removeFirst()
            condition.unlock()
            job()
        }
    }
}

/// One job's result, written on the launcher's thread before the semaphore that the caller waits on.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
