import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A counter handed out to worker threads: each index is taken once.
final class AtomicCounter: Sendable {
    private let value = Atomic<Int>(0)
    func increment() -> Int { value.add(1, ordering: .relaxed).oldValue }
}

/// One slot per input, filled by whichever worker handled it.
final class OrderedSlots<T: Sendable>: Sendable {
    private let slots: Mutex<[T?]>

    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ value: T) {
        slots.withLock { $0[index] = value }
    }

    /// The values in input order; `missing` fills a slot no worker reached (it cannot happen, but the
    /// answer for every input is a promise).
    func values(missing: (Int) -> T) -> [T] {
        let filled = slots.withLock { $0 }
        return filled.enumerated().map { i, v in v ?? missing(i) }
    }
}

package enum ProcessorCount {
    package static var online: Int {
        let n = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return n > 0 ? n : 1
    }
}
