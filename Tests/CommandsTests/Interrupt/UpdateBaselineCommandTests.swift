import Foundation
@testable import Commands
@testable import Frontend
@testable import Model
import Reporting
import Testing

/// `run --baseline FILE --update-baseline`: FILE changes only after a complete run the gate passes.
@Suite("run --update-baseline", .serialized, .timeLimit(.minutes(3)), .blocking)
struct UpdateBaselineCommandTests {
    static func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    @Test func refusesAnInterruptedRegressedOrNarrowedRunAndTakesACleanOne() throws {
        let fake = try FakeToolchain()
        let fm = FileManager.default
        try fm.removeItem(atPath: fake.dir.path("fixtures/sleepy.c"))
        let baseline = fake.dir.path("baseline.json")
        let first = try ToolgateBinary.run(["run", fake.matrix, "--out", fake.out, "-j", "2"])
        #expect(first.status == 0, "\(first.stderr)")
        try fm.copyItem(atPath: fake.out + "/report.json", toPath: baseline)
        let original = try #require(Self.bytes(baseline))

        // Interrupted: the sleeping fixture holds the run until the signal.
        try "#include <unistd.h>\nint main(void) { sleep(30); return 0; }\n".write(
            toFile: fake.dir.path("fixtures/sleepy.c"), atomically: true, encoding: .utf8)
        // The first run's logs go first: its ok log would otherwise satisfy the wait below before this run
        // has even started (and installed its signal handler), and SIGINT would kill it outright.
        try fm.removeItem(atPath: fake.out + "/logs")
        let interrupted = try SignalledRun(
            ["run", fake.matrix, "--out", fake.out, "-j", "2", "--baseline", baseline, "--update-baseline"], scratch: fake.dir)
        let okLog = fake.out + "/logs/ok/fake/x86_64/shared-libgcc/O2.log"
        #expect(interrupted.wait(upTo: .seconds(30)) { fm.fileExists(atPath: okLog) })
        usleep(300_000)
        interrupted.send(SIGINT)
        try StoppedRunChecks.check(interrupted, elapsed: interrupted.waitForExit(upTo: .seconds(20)), out: fake.out, context: "--update-baseline")
        #expect(interrupted.ending == "exit 130")
        #expect(Self.bytes(baseline) == original, "an interrupted run changed the baseline")
        try fm.removeItem(atPath: fake.dir.path("fixtures/sleepy.c"))

        // An incomplete report as a baseline: compare says so on stderr.
        let incomplete = try ReportReader.load(fake.out + "/report.json")
        #expect(!incomplete.complete)
        let warned = try ToolgateBinary.run(["compare", fake.out + "/report.json", baseline])
        #expect(warned.stderr.contains("is an incomplete run (complete: false"), "\(warned.stderr)")

        // Regressed: ok.c now exits 1.
        try "int main(void) { return 1; }\n".write(toFile: fake.dir.path("fixtures/ok.c"), atomically: true, encoding: .utf8)
        let regressed = try ToolgateBinary.run(["run", fake.matrix, "--out", fake.out, "--baseline", baseline, "--update-baseline"])
        #expect(regressed.status == 1, "\(regressed.stderr)")
        #expect(regressed.stderr.contains("baseline '\(baseline)' not updated: the run has 1 regression"), "\(regressed.stderr)")
        #expect(Self.bytes(baseline) == original)

        // Narrowed: a --filter that leaves the baseline's cell out passes the gate but would shrink the baseline.
        try "int main(void) { return 0; }\n".write(toFile: fake.dir.path("fixtures/ok.c"), atomically: true, encoding: .utf8)
        try "int main(void) { return 0; }\n".write(toFile: fake.dir.path("fixtures/more.c"), atomically: true, encoding: .utf8)
        let narrowed = try ToolgateBinary.run(
            ["run", fake.matrix, "--out", fake.out, "--filter", "more*", "--baseline", baseline, "--update-baseline"])
        #expect(narrowed.status == 2, "\(narrowed.stderr)")
        #expect(narrowed.stderr.contains("no result for 1 cell(s) of the baseline (first: ok/fake/x86_64/shared-libgcc/O2)"), "\(narrowed.stderr)")
        #expect(Self.bytes(baseline) == original)

        // Clean and complete, with a new cell: the baseline becomes this run's report.json.
        let clean = try ToolgateBinary.run(["run", fake.matrix, "--out", fake.out, "--baseline", baseline, "--update-baseline"])
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(clean.stderr.contains("baseline '\(baseline)' updated"), "\(clean.stderr)")
        #expect(Self.bytes(baseline) == Self.bytes(fake.out + "/report.json"))
        let updated = try ReportReader.load(baseline)
        #expect(updated.complete)
        #expect(updated.cells.map(\.id).sorted() == ["more/fake/x86_64/shared-libgcc/O2", "ok/fake/x86_64/shared-libgcc/O2"])
        #expect(temporaryFiles(under: fake.dir.url.path) == [])
    }

    @Test func updateBaselineNeedsABaseline() throws {
        let r = try ToolgateBinary.run(["run", "--update-baseline", "--out", "/nonexistent"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("'--update-baseline' needs '--baseline'"), "\(r.stderr)")
    }

    @Test func anIncompleteRunNeverUpdatesABaseline() throws {
        let old = Report(complete: true, metadata: LiveReportTests.metadata(), cells: [LiveReportTests.cell("a")])
        let new = Report(complete: false, metadata: LiveReportTests.metadata(), cells: [LiveReportTests.cell("a")])
        let comparison = try Comparator.compare(old: old, new: new)
        #expect(BaselineUpdate.refusal(old: old, new: new, comparison: comparison)?.status == 2)
        let whole = Report(complete: true, metadata: LiveReportTests.metadata(), cells: [LiveReportTests.cell("a")])
        #expect(BaselineUpdate.refusal(old: old, new: whole, comparison: try Comparator.compare(old: old, new: whole)) == nil)
    }
}
