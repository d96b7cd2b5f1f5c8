import Foundation
import Testing
@testable import Model

/// `--repeat N` with the real gcc: a failed run step runs again in the same directory, with the same binary.
@Suite(.timeLimit(.minutes(3))) struct RepeatTests {
    static let matrix = """
        fixtures = "fixtures"
        link = ["shared-libgcc"]
        timeout = 30
        [compilers.gcc]
        cc = "gcc"
        cxx = "g++"
        [targets.x86_64]
        """

    /// Exits 1 unless `flaky.marker` exists in its working directory, and leaves the marker behind.
    static let firstRunFails = """
        #include <stdio.h>
        #include <unistd.h>
        int main(void) {
            if (access("flaky.marker", F_OK) == 0) { puts("second time lucky"); return 0; }
            FILE *f = fopen("flaky.marker", "w");
            if (f) fclose(f);
            puts("first run fails");
            return 1;
        }

        """

    @Test func failsOnceThenPassesIsFlakyWithTwoAttempts() async throws {
        try Harness.require(["gcc", "prlimit"])
        let h = try Harness()
        try h.write("fixtures/once.c", Self.firstRunFails)
        let records = try await h.run(matrix: Self.matrix, repeats: 2)
        let r = try #require(records.first)
        #expect(r.status == .flaky, "\(Harness.describe(records))")
        #expect(!r.status.isFailure)
        let attempts = try #require(r.attempts)
        #expect(attempts.count == 2)
        #expect(attempts.map(\.status) == [.fail, .pass])
        #expect(attempts.map(\.exitCode) == [1, 0])
        #expect(attempts[0].stdout == "first run fails\n")
        #expect(attempts[1].stdout == "second time lucky\n")
        #expect(r.exitCode == 0)
        #expect(r.stdout == "second time lucky\n")
        #expect(r.reason == "passed on attempt 2 of up to 3; attempt 1: expected exit 0, got 1")
        // The rerun kept the working directory: the marker of the first run is where the second found it.
        let runs = r.commands.filter { $0.step == .run }
        #expect(runs.count == 2)
        #expect(Set(runs.map(\.cwd)).count == 1)
        let cwd = try #require(runs.first?.cwd)
        #expect(FileManager.default.fileExists(atPath: cwd + "/flaky.marker"))
    }

    @Test func withoutRepeatTheSameFixtureFails() async throws {
        try Harness.require(["gcc", "prlimit"])
        let h = try Harness()
        try h.write("fixtures/once.c", Self.firstRunFails)
        let r = try #require(try await h.run(matrix: Self.matrix).first)
        #expect(r.status == .fail)
        #expect(r.reason == "expected exit 0, got 1")
        #expect(r.attempts == nil)
    }

    @Test func alwaysFailingKeepsItsStatusWithEveryAttempt() async throws {
        try Harness.require(["gcc", "prlimit"])
        let h = try Harness()
        try h.write("fixtures/never.c", "int main(void) { return 3; }\n")
        try h.write("fixtures/segv.c", "int main(void) { volatile int *p = 0; return *p; }\n")
        let records = try await h.run(matrix: Self.matrix, repeats: 2)
        let never = try #require(records.first { $0.fixture == "never" })
        #expect(never.status == .fail, "\(Harness.describe(records))")
        #expect(never.attempts?.count == 3)
        #expect(never.attempts?.allSatisfy { $0.status == .fail && $0.exitCode == 3 } == true)
        #expect(never.reason == "expected exit 0, got 3 (failed all 3 attempts)")
        let segv = try #require(records.first { $0.fixture == "segv" })
        #expect(segv.status == .crash)
        #expect(segv.attempts?.map(\.signal) == ["SIGSEGV", "SIGSEGV", "SIGSEGV"])
    }

    @Test func compileErrorsAreNotRerun() async throws {
        try Harness.require(["gcc", "prlimit"])
        let h = try Harness()
        try h.write("fixtures/broken.c", "int main(void) { return }\n")
        try h.write("fixtures/ok.c", "int main(void) { return 0; }\n")
        let records = try await h.run(matrix: Self.matrix, repeats: 2)
        let broken = try #require(records.first { $0.fixture == "broken" })
        #expect(broken.status == .compileError)
        #expect(broken.attempts == nil)
        let ok = try #require(records.first { $0.fixture == "ok" })
        #expect(ok.status == .pass)
        #expect(ok.attempts == nil)
    }
}
