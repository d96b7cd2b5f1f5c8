import Dispatch
import Model
import Synchronization

/// Work that holds a thread for long: hashing a 5 MB archive, reading an ELF file, copying a cache entry.
/// It runs on Dispatch queues of its own, not on Swift concurrency's cooperative pool, whose few threads
/// (one per core) would otherwise sit in a 170 ms hash while every other step's completion waits.
///
/// Serial queues taken in turn, not one concurrent queue: libdispatch gives a concurrent queue only as
/// many threads as there are cores, so work that waits on the disk would queue behind itself; each serial
/// queue has a thread of its own when it needs one.
package enum BlockingPool {
    static let width = 8
    private static let queues = (0..<width).map { DispatchQueue(label: "toolgate.blocking.\($0)", qos: .userInitiated) }
    private static let next = Atomic<Int>(0)

    /// `work` on the pool's threads; the caller's task is suspended meanwhile, its thread free.
    package static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        let queue = queues[next.add(1, ordering: .relaxed).oldValue % width]
        // A queue's thread is no task: the run's write gate goes with the work (a cache copy is an atomic write).
        let gate = WriteGate.current
        return await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: WriteGate.$current.withValue(gate) { work() }) }
        }
    }
}
