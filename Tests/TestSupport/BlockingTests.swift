import Foundation
import Testing

/// Tests that block their thread (waiting for a child process, polling with usleep) must not do it on
/// Swift's cooperative pool. That pool has one thread per core, two on the CI machine, and every async
/// test's next step waits behind whatever occupies them: async tests stalled for two minutes, in CI and
/// here, so that a reduction sweep ran out of its time and a test's listener had closed before it was used.
///
/// `@Suite(.blocking)` runs a suite's tests with a thread of their own for each of their jobs, and lets at
/// most `BlockingTests.width` such suites run at once; the others wait, holding no thread, before their
/// tests start, so the wait counts against no test's time limit (Swift Testing applies a suite's scope
/// around its children, outside their `.timeLimit`). Spawn, the one place a helper starts a child,
/// records an issue when it is called outside such a suite.
public struct BlockingTrait: SuiteTrait, TestTrait, TestScoping {
    /// A suite's scope covers the suites nested in it; their own `.blocking` then adds nothing.
    public var isRecursive: Bool { false }

    /// Once for a suite; for a test function that carries the trait itself, once for each of its cases.
    public func scopeProvider(for test: Test, testCase: Test.Case?) -> BlockingTrait? {
        test.isSuite == (testCase == nil) ? self : nil
    }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        // Nested inside another blocking scope: that one's slot and threads serve.
        if BlockingTests.allowed { return try await function() }
        await BlockingTests.slots.acquire()
        do {
            try await withTaskExecutorPreference(ThreadPerJobExecutor.shared) {
                try await BlockingTests.$allowed.withValue(true) { try await function() }
            }
        } catch {
            await BlockingTests.slots.release()
            throw error
        }
        await BlockingTests.slots.release()
    }
}

extension Trait where Self == BlockingTrait {
    /// The suite's tests block their threads: see `BlockingTrait`.
    public static var blocking: BlockingTrait { BlockingTrait() }
}

public enum BlockingTests {
    /// As many blocking suites at once as cores (at least 2): their tests mostly wait for compilers.
    public static let width = max(2, ProcessInfo.processInfo.activeProcessorCount)
    static let slots = Slots(width)

    /// True inside a `.blocking` suite's tasks (task-locals reach the child tasks its tests run in).
    @TaskLocal static var allowed = false

    /// Called by every helper that blocks: outside a `.blocking` test, that is a test bug, told as an issue.
    static func checkAllowed(_ what: @autoclosure () -> String) {
        guard !allowed, Test.current != nil else { return }
        Issue.record("\(what()) blocks its thread on Swift's cooperative pool: give the suite the .blocking trait (Tests/TestSupport/BlockingTests.swift)")
    }

    /// A counting semaphore whose waiters hold no thread.
    actor Slots {
        private var free: Int
        private var waiting: [CheckedContinuation<Void, Never>] = []
        init(_ count: Int) { free = count }

        func acquire() async {
            if free > 0 {
                free -= 1
                return
            }
            await withCheckedContinuation { waiting.append($0) }
        }

        func release() {
            if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
        }
    }
}

/// Runs each job on a new thread: a blocked job then holds only its own thread, and nothing else queues
/// behind it. A sync test is one job; an async one is a job for each stretch between its awaits. The
/// preference for it reaches every child task of the suite's (SE-0417), so each test runs here.
final class ThreadPerJobExecutor: TaskExecutor {
    static let shared = ThreadPerJobExecutor()

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        Thread.detachNewThread { job.runSynchronously(on: executor) }
    }
}
