import Dispatch

/// Work that holds a thread for long: hashing a 5 MB archive, reading an ELF file, copying a cache entry.
/// It runs on a Dispatch queue of its own, not on Swift concurrency's cooperative pool, whose few threads
/// (one per core) would otherwise sit in a 170 ms hash while every other step's completion waits.
package enum BlockingPool {
    private static let queue = DispatchQueue(label: "toolgate.blocking", qos: .userInitiated, attributes: .concurrent)

    /// `work` on the pool's threads; the caller's task is suspended meanwhile, its thread free.
    package static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }
}
