import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A counter handed out to worker threads: each index is taken once.
final class AtomicCounter: Sendable {
    private let value = Atomic<Int>(0)
    func increment() -> Int { value.add(1, ordering: .relaxed).oldValue }
}

/// One slot per input, filled by whichever worker read it.
final class ResultSlots: Sendable {
    private let slots: Mutex<[InspectResult?]>

    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ result: InspectResult) {
        slots.withLock { $0[index] = result }
    }

    func values(fallbackPaths: [String]) -> [InspectResult] {
        slots.withLock { slots in
            slots.enumerated().map { i, r in
                r ?? .failure(path: fallbackPaths[i], error: .cannotOpen(path: fallbackPaths[i], reason: "not read"))
            }
        }
    }
}

package enum ProcessorCount {
    package static var online: Int {
        let n = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return n > 0 ? n : 1
    }
}
