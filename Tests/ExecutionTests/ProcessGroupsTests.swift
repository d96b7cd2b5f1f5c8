import Foundation
import Testing
@testable import Execution

/// The registry an interrupt closes: once closed nothing starts, and a start already under way dies as it registers.
/// Each test has a registry of its own; ProcessRunner's shared one must stay open for the other tests.
// A time limit counts from a test's start, and in the whole suite a test may wait a minute and more for
// one of the two cooperative threads (a fresh-clone make test saw these millisecond tests pass 60 s):
// the limit is for a hang, not for speed.
@Suite(.timeLimit(.minutes(5))) struct ProcessGroupsTests {
    /// `sleep 30` in a process group of its own, as every step runs; its pid.
    func startSleeper() throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sleep")
        p.arguments = ["30"]
        try p.run()
        return p
    }

    func waitForExit(_ p: Process) -> Bool {
        let deadline = ContinuousClock.now + .seconds(5)
        while p.isRunning, ContinuousClock.now < deadline { usleep(10_000) }
        return !p.isRunning
    }

    @Test func closingKillsEveryGroupAndRefusesNewStarts() throws {
        let registry = ProcessGroups()
        #expect(registry.reserveStart())
        let sleeper = try startSleeper()
        registry.add(sleeper.processIdentifier, outputs: ["/w/a.o"])
        registry.closeAndKillAll()
        #expect(waitForExit(sleeper))
        #expect(sleeper.terminationReason == .uncaughtSignal && sleeper.terminationStatus == SIGKILL)
        #expect(!registry.reserveStart())
        #expect(registry.killedGroups == [sleeper.processIdentifier: ["/w/a.o"]])
    }

    /// The race of issue 5: a step reserved before the close whose process registers after it.
    @Test func aStartUnderWayWhenClosedIsKilledAsItRegisters() throws {
        let registry = ProcessGroups()
        #expect(registry.reserveStart())
        registry.closeAndKillAll()
        let sleeper = try startSleeper()
        registry.add(sleeper.processIdentifier)
        #expect(waitForExit(sleeper), "a process registered after the close survived")
        registry.waitForStarts(upTo: .milliseconds(10))
        #expect(registry.killedGroups.keys.contains(sleeper.processIdentifier))
    }

    @Test func aCancelledStartIsNoLongerWaitedFor() {
        let registry = ProcessGroups()
        #expect(registry.reserveStart())
        registry.cancelStart()
        let start = ContinuousClock.now
        registry.waitForStarts(upTo: .seconds(5))
        #expect(ContinuousClock.now - start < .seconds(1))
    }

    @Test func theProcessTableSeesALiveGroupAndItsEnd() throws {
        let sleeper = try startSleeper()
        let group = sleeper.processIdentifier
        #expect(ProcessTable.liveGroups(among: [group]) == [group])
        ProcessGroups.kill(group: group)
        #expect(ProcessTable.waitUntilGone([group], upTo: .seconds(5)))
    }

    @Test func statLinesWithAwkwardNames() {
        let plain = ProcessTable.parseStat("42 (cc1plus) S 41 40 40 0")
        #expect(plain?.state == "S" && plain?.pgrp == 40)
        let awkward = ProcessTable.parseStat("42 (a) b (c) Z 1 7 7 0")
        #expect(awkward?.state == "Z" && awkward?.pgrp == 7)
        #expect(ProcessTable.parseStat("garbage") == nil)
    }

    @Test func aStepsOutputIsItsDashOOperand() {
        func outputs(_ argv: [String]) -> [String] {
            StepRequest(argv: argv, cwd: "/w", timeoutSeconds: 1, stdoutPath: "/w/o", stderrPath: "/w/e").outputPaths
        }
        #expect(outputs(["gcc", "-c", "a.c", "-o", "/abs/a.o"]) == ["/abs/a.o"])
        #expect(outputs(["gcc", "a.o", "-o", "prog"]) == ["/w/prog"])
        #expect(outputs(["gcc", "-E", "x.c", "-o", "/dev/null"]) == [])
        #expect(outputs(["./prog"]) == [])
    }
}
