import Dispatch
import Foundation
import Synchronization
import Testing
@testable import Execution

/// Work on BlockingPool holds none of the cooperative pool's threads: with more blocked jobs than cores,
/// an ordinary task still runs, and the jobs block side by side, more of them than there are cores.
///
/// No wall-clock bound: the jobs block until the test lets them go, so the suite's other tests (which keep
/// the cooperative threads busy on a loaded machine) cannot make it fail, and a pool that did block
/// cooperative threads could never reach the release: the time limit ends it.
@Suite(.timeLimit(.minutes(5))) struct BlockingPoolTests {
    @Test func blockedJobsLeaveTheCooperativePoolFree() async {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let jobs = min(cores * 2 + 2, BlockingPool.width)
        let gate = DispatchSemaphore(value: 0)
        let blocked = Counter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<jobs {
                group.addTask {
                    await BlockingPool.run {
                        blocked.increment()
                        gate.wait()
                    }
                }
            }
            // Every job blocks at once: more than the cooperative pool's one thread per core could hold.
            while blocked.value < jobs { try? await Task.sleep(for: .milliseconds(10)) }
            // An ordinary task still runs while all of them block.
            let answer = await Task.detached { 42 }.value
            #expect(answer == 42)
            #expect(blocked.value == jobs)
            #expect(jobs > cores)
            for _ in 0..<jobs { gate.signal() }
        }
    }
}

private final class Counter: Sendable {
    private let count = Atomic<Int>(0)
    func increment() { count.add(1, ordering: .sequentiallyConsistent) }
    var value: Int { count.load(ordering: .sequentiallyConsistent) }
}
