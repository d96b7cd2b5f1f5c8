import Foundation
import Model
import Reporting
import Testing

/// SIGINT and SIGTERM on a running `toolgate run` (issue 5): it stops within 5 s, kills everything it
/// started, leaves a readable report.json with `complete: false` and only finished cells, and no
/// temporary file. The random delays come from a printed seed (TOOLGATE_TEST_SEED replays one).
@Suite("run, interrupted", .serialized, .timeLimit(.minutes(4)), .blocking)
struct InterruptCommandTests {
    static let root = Repository.root.path

    /// The real smoke matrix cut to the exceptions fixtures: g++ and the aarch64 cross g++, a DSO, qemu;
    /// 8 cells that take several seconds on 2 cores.
    @Test func aRealRunSignalledAtRandomMoments() throws {
        for tool in ["gcc", "g++", "aarch64-linux-gnu-g++", "qemu-aarch64", "prlimit"] { _ = try Spawn.require(tool) }
        var rng = SeededGenerator()
        // One delay from each window after the first report.json: probing and the first compiles,
        // compiles, links and qemu runs, the end of the run (which may already be over).
        let windows: [ClosedRange<Double>] = [0...0.25, 0.25...1, 1...2.5, 2.5...4.5, 4.5...7]
        // A whole run has the cells `list` prints (however many exceptions* fixtures there are).
        let listed = try ToolgateBinary.run(["list", Self.root + "/matrices/smoke.toml", "--filter", "exceptions*"], timeout: 60)
        let whole = listed.stdout.split(separator: "\n").count
        try #require(whole > 0, "\(listed.stderr)")
        for window in windows {
            let delay = Double.random(in: window, using: &rng)
            let sig = Bool.random(using: &rng) ? SIGINT : SIGTERM
            let context = "seed \(rng.seed) (TOOLGATE_TEST_SEED), delay \(String(format: "%.3f", delay)) s, signal \(sig)"
            let dir = try TempDir()
            let out = dir.path("out")
            let run = try SignalledRun(
                ["run", Self.root + "/matrices/smoke.toml", "--filter", "exceptions*", "--out", out, "-j", "2"], scratch: dir)
            // The first report.json is saved before any process starts: the earliest moment a signal has a run to stop.
            #expect(run.wait(upTo: .seconds(20)) { FileManager.default.fileExists(atPath: out + "/report.json") }, "\(context)")
            usleep(UInt32(delay * 1_000_000))
            run.send(sig)
            let report = try StoppedRunChecks.check(run, elapsed: run.waitForExit(upTo: .seconds(20)), out: out, context: context)
            // In a whole run every one of these cells passes or is unsupported; anything else was cut short.
            for cell in report.cells {
                #expect(cell.status == .pass || cell.status == .unsupported, "\(cell.id): \(cell.status) \(cell.reason ?? ""); \(context)")
            }
            if run.ending == "exit 130", !report.complete {
                #expect(run.stderr.contains("is marked incomplete (\(report.cells.count) cells finished)"), "\(context): \(run.stderr)")
            } else {
                #expect(report.cells.count == whole, "\(context)")
            }
        }
    }

    @Test func aSignalWhileTheToolchainIsProbed() throws {
        let fake = try FakeToolchain(slowVersion: true)
        let run = try SignalledRun(["run", fake.matrix, "--out", fake.out, "-j", "2"], scratch: fake.dir)
        #expect(run.wait(upTo: .seconds(20)) { fake.reached("probing") }, "the fake compiler's --version never started")
        run.send(SIGINT)
        let report = try StoppedRunChecks.check(run, elapsed: run.waitForExit(upTo: .seconds(20)), out: fake.out, context: "probing")
        #expect(run.ending == "exit 130")
        #expect(!report.complete)
        #expect(report.cells.isEmpty)
        #expect(report.metadata.matrix.name == "interrupt")
    }

    @Test func aSignalMidCompileRemovesTheHalfWrittenObject() throws {
        let fake = try FakeToolchain(slowCompile: true)
        let run = try SignalledRun(["run", fake.matrix, "--out", fake.out, "-j", "2"], scratch: fake.dir)
        #expect(run.wait(upTo: .seconds(20)) { fake.reached("compiling") }, "the fake compiler never started compiling")
        run.send(SIGTERM)
        let report = try StoppedRunChecks.check(run, elapsed: run.waitForExit(upTo: .seconds(20)), out: fake.out, context: "mid-compile")
        #expect(run.ending == "exit 130")
        #expect(!report.complete)
        #expect(report.cells.isEmpty, "\(report.cells.map(\.id))")
        #expect(fake.halfWrittenFiles() == [], "a killed compile's output is still there")
    }

    @Test func aSignalMidRunKeepsTheFinishedCellAndKillsTheProgram() throws {
        let fake = try FakeToolchain()
        let run = try SignalledRun(["run", fake.matrix, "--out", fake.out, "-j", "2"], scratch: fake.dir)
        let okLog = fake.out + "/logs/ok/fake/x86_64/shared-libgcc/O2.log"
        #expect(run.wait(upTo: .seconds(30)) { fake.reached("running") && FileManager.default.fileExists(atPath: okLog) })
        // The log is written just before the cell is recorded; a signal between the two would (rightly)
        // take both away, and the cell would not count as finished. Half a second is far past that gap.
        usleep(500_000)
        run.send(SIGINT)
        let report = try StoppedRunChecks.check(run, elapsed: run.waitForExit(upTo: .seconds(20)), out: fake.out, context: "mid-run")
        #expect(run.ending == "exit 130")
        #expect(!report.complete)
        #expect(report.cells.map(\.id) == ["ok/fake/x86_64/shared-libgcc/O2"])
        #expect(report.cells.first?.status == .pass)
    }

    /// The second signal does not wait for the first's shutdown; whatever report.json there is, is whole.
    @Test func aSecondSignalStopsAtOnce() throws {
        var rng = SeededGenerator()
        for _ in 0..<3 {
            let gap = UInt32.random(in: 0...30_000, using: &rng)
            let context = "seed \(rng.seed) (TOOLGATE_TEST_SEED), \(gap) µs between the signals"
            let fake = try FakeToolchain(slowCompile: true)
            let run = try SignalledRun(["run", fake.matrix, "--out", fake.out, "-j", "2"], scratch: fake.dir)
            #expect(run.wait(upTo: .seconds(20)) { fake.reached("compiling") }, "\(context)")
            run.send(SIGINT)
            usleep(gap)
            run.send(SIGTERM)
            let report = try StoppedRunChecks.check(
                run, elapsed: run.waitForExit(upTo: .seconds(20)), out: fake.out, limit: .seconds(2), context: context)
            #expect(run.ending == "exit 130", "\(context)")
            #expect(!report.complete, "\(context)")
            // Either the second signal cut the first's shutdown short, or that shutdown was already done.
            #expect(run.stderr.contains("second signal: stopped at once") || run.stderr.contains("is marked incomplete"), "\(context): \(run.stderr)")
        }
    }

    @Test func doctorSignalledKillsItsChecks() throws {
        let fake = try FakeToolchain(slowVersion: true)
        let run = try SignalledRun(["doctor", fake.matrix], scratch: fake.dir)
        #expect(run.wait(upTo: .seconds(20)) { fake.reached("probing") })
        run.send(SIGINT)
        let elapsed = try #require(run.waitForExit(upTo: .seconds(20)))
        #expect(elapsed < .seconds(5))
        #expect(run.ending == "exit 130", "\(run.stderr)")
        #expect(run.processesLeft() == [])
        let work = FileManager.default.temporaryDirectory.path + "/toolgate-doctor-\(run.process.processIdentifier)"
        #expect(!FileManager.default.fileExists(atPath: work), "doctor left \(work)")
    }
}
