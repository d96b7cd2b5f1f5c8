import Foundation
import Testing
@testable import Execution

/// Work on BlockingPool holds none of the cooperative pool's threads: with more blocked jobs than cores,
/// an ordinary task still runs at once, and the jobs run side by side.
@Suite(.timeLimit(.minutes(1))) struct BlockingPoolTests {
    @Test func blockedJobsLeaveTheCooperativePoolFree() async {
        let jobs = ProcessInfo.processInfo.activeProcessorCount * 2 + 2
        let clock = ContinuousClock()
        let start = clock.now
        let quick = await withTaskGroup(of: Duration?.self) { group in
            for _ in 0..<jobs { group.addTask { await BlockingPool.run { usleep(600_000) }; return nil } }
            group.addTask {
                // Let the blocking jobs start first.
                try? await Task.sleep(for: .milliseconds(100))
                let asked = clock.now
                _ = await Task.detached { 42 }.value
                return clock.now - asked
            }
            var quick: Duration?
            for await d in group where d != nil { quick = d }
            return quick
        }
        let total = clock.now - start
        // Had the jobs blocked cooperative threads, the quick task would wait for them (600 ms), and the
        // jobs would run a core's worth at a time (several rounds of 600 ms).
        #expect(quick.map { $0 < .milliseconds(300) } == true, "\(String(describing: quick))")
        #expect(total < .milliseconds(1_800), "\(total)")
    }
}
