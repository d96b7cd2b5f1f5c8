import Execution
import Foundation
import Testing
@testable import Frontend
@testable import Model
import Reporting

/// The run context the entry point injects: a session run in a captured one writes nothing to the
/// process's stderr, and two contexts' registries and write gates never see each other.
@Suite("run context", .serialized, .timeLimit(.minutes(3)))
struct RunContextTests {
    /// A one-cell matrix over a hello-world fixture: gcc, x86_64, shared libgcc, -O2, no sandbox.
    static func oneCellSession(in dir: TempDir, context: RunContext) throws -> RunSession {
        try FileManager.default.createDirectory(atPath: dir.path("fixtures"), withIntermediateDirectories: true)
        try "#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n"
            .write(toFile: dir.path("fixtures/hello.c"), atomically: true, encoding: .utf8)
        let text = """
            name = "context"
            fixtures = "fixtures"
            opt = ["-O2"]
            link = ["shared-libgcc"]
            sandbox = "none"
            [compilers.gcc]
            cc = "gcc"
            cxx = "g++"
            [targets.x86_64]
            """
        try text.write(toFile: dir.path("m.toml"), atomically: true, encoding: .utf8)
        let matrix = try MatrixDecoder.load(path: dir.path("m.toml"))
        let fixtures = try FixtureDiscovery.discover(in: matrix.fixtures)
        let plan = Plan.make(matrix: matrix, fixtures: fixtures, filter: nil)
        return RunSession(matrix: matrix, plan: plan, outDir: dir.path("out"), jobs: 1, commandLine: ["toolgate", "run"], context: context)
    }

    @Test func aSessionInACapturedContextWritesItsMessagesThereAndNotToTheProcess() async throws {
        let dir = try TempDir()
        let (context, output, errors) = RunContext.captured()
        let session = try Self.oneCellSession(in: dir, context: context)
        var outcome: RunSession.RunOutcome?
        // The process's own fd 2 is not redirected to prove nothing leaks there: tests run in parallel, and
        // every other test's results (Swift Testing reports on stderr) would vanish into the file meanwhile.
        outcome = try await session.run()
        #expect(outcome?.cells.map(\.status) == [.pass])
        #expect(errors.text.contains("toolgate: 1 cells of 'context' (1 build units, -j 1) into"), "\(errors.text)")
        #expect(errors.text.contains("[1/1] 0 failed"), "the progress line goes to the context too: \(errors.text)")
        #expect(output.text.contains("1 cells: 1 pass"), "the grid and summary go to the context's stdout: \(output.text)")
    }

    @Test func aSessionWhoseRegistryIsClosedStartsNothingWhileAnotherContextRuns() async throws {
        let closed = RunContext.captured().context
        closed.processes.closeAndKillAll()
        let dir = try TempDir()
        let session = try Self.oneCellSession(in: dir, context: closed)
        let outcome = try await session.run()
        // Every step was refused by the closed registry: the cell did not pass, and said why.
        #expect(outcome.cells.count == 1)
        #expect(outcome.cells.first?.status != .pass)
        let reason = outcome.cells.first?.reason ?? ""
        #expect(reason.contains(ProcessRunner.interruptedMessage), "\(reason)")
        #expect(closed.processes.killedGroups.isEmpty && closed.processes.count == 0, "a process was started")
        // The other context's registry was never touched.
        let other = RunContext.captured().context
        let dir2 = try TempDir()
        let open = try await Self.oneCellSession(in: dir2, context: other).run()
        #expect(open.cells.map(\.status) == [.pass])
        #expect(!other.processes.isClosed)
    }

    @Test func twoContextsRegistriesAreIndependent() async throws {
        let a = RunContext.captured().context, b = RunContext.captured().context
        let dir = try TempDir()
        func step(_ name: String) -> StepRequest {
            StepRequest(argv: ["/bin/true"], cwd: dir.url.path, timeoutSeconds: 10,
                        stdoutPath: dir.path(name + ".out"), stderrPath: dir.path(name + ".err"))
        }
        a.processes.closeAndKillAll()
        let refused = await a.bound { await ProcessRunner.run(step("a")) }
        let ran = await b.bound { await ProcessRunner.run(step("b")) }
        #expect(refused.launchError == ProcessRunner.interruptedMessage)
        #expect(ran.launchError == nil && ran.exitCode == 0)
        #expect(a.processes.isClosed && !b.processes.isClosed)
        #expect(!ProcessGroups.unbound.isClosed, "closing a context's registry closed the unbound one")
    }

    @Test func twoContextsWriteGatesAreIndependent() async throws {
        let a = RunContext.captured().context, b = RunContext.captured().context
        let dir = try TempDir()
        a.writes.stop(waitingUpTo: .zero)
        await #expect(throws: AtomicFile.WritesStopped.self) {
            try await a.bound { try AtomicFile.write(Data("a".utf8), to: dir.path("a.json")) }
        }
        try await b.bound { try AtomicFile.write(Data("b".utf8), to: dir.path("b.json")) }
        #expect(!FileManager.default.fileExists(atPath: dir.path("a.json")))
        #expect(FileManager.default.contents(atPath: dir.path("b.json")) == Data("b".utf8))
        // A blocking-pool thread is no task: the gate goes with the work.
        let pooled = await a.bound { await BlockingPool.run { WriteGate.current.isStopped } }
        #expect(pooled)
    }
}
