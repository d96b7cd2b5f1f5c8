import Foundation
import Testing
@testable import Model

/// The gate an interrupt closes on every atomic writer before its own last save (a gate of its own
/// here: AtomicFile's must stay open for the other tests).
@Suite struct WriteGateTests {
    @Test func stoppedRefusesNewWritesButTheInterruptsOwn() {
        let gate = WriteGate()
        #expect(gate.enter())
        gate.leave()
        gate.stop(waitingUpTo: .zero)
        #expect(!gate.enter())
        #expect(gate.enter(evenAfterStop: true))
        gate.leave()
    }

    @Test func stopWaitsForAWriteUnderWay() {
        let gate = WriteGate()
        #expect(gate.enter())
        let left = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            usleep(100_000)
            gate.leave()
            left.signal()
        }
        let start = ContinuousClock.now
        gate.stop(waitingUpTo: .seconds(5))
        #expect(ContinuousClock.now - start >= .milliseconds(90))
        left.wait()
    }

    @Test func anAtomicWriteLeavesNoTemporaryFile() throws {
        let dir = try Scratch()
        try AtomicFile.write(Data("one".utf8), to: dir.path + "/f.json")
        try AtomicFile.write(Data("two".utf8), to: dir.path + "/f.json")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["f.json"])
        #expect(FileManager.default.contents(atPath: dir.path + "/f.json") == Data("two".utf8))
    }
}
