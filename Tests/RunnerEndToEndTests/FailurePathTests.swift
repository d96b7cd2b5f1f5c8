import Foundation
import Testing
@testable import Model

/// Fake compilers (shell scripts in the test's directory) drive each failure classification.
@Suite(.timeLimit(.minutes(3))) struct FailurePathTests {
    func matrix(cc: String, target: String = "x86_64", runner: String = "", timeout: Int = 30) -> String {
        """
        fixtures = "fixtures"
        link = ["shared-libgcc"]
        timeout = \(timeout)
        [compilers.fake]
        cc = "\(cc)"
        cxx = "\(cc)"
        [targets.\(target)]
        \(runner)
        """
    }

    @Test func aHangingCompilerTimesOutAndItsChildIsGone() async throws {
        try Harness.require(["gcc", "prlimit"])
        let h = try Harness()
        try h.write("fixtures/hello.c", "int main(void) { return 0; }\n")
        try h.write("bin/hang-cc", "#!/bin/sh\nsleep 300 &\necho $! > \(h.root)/child.pid\nwait\n", executable: true)
        let records = try await h.run(matrix: matrix(cc: h.root + "/bin/hang-cc", timeout: 2))
        let r = try #require(records.first)
        #expect(r.status == .timeout, "\(Harness.describe(records))")
        #expect(r.commands.last?.timedOut == true)
        let pid = try #require(Int32(try String(contentsOfFile: h.root + "/child.pid", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        try await Task.sleep(for: .milliseconds(200))
        #expect(!isRunning(pid), "the compiler's child \(pid) outlived the timeout")
    }

    @Test func aHangingProgramTimesOut() async throws {
        try Harness.require(["gcc", "prlimit"])
        let h = try Harness()
        try h.write("fixtures/hang.c", "#include <unistd.h>\nint main(void) { if (fork() == 0) for (;;) pause(); for (;;) pause(); }\n")
        let r = try #require(try await h.run(matrix: matrix(cc: "gcc", timeout: 2)).first)
        #expect(r.status == .timeout)
        #expect(r.reason == "the program ran past the step timeout and was killed")
        #expect(r.commands.last?.step == .run)
    }

    @Test func aCompileErrorAndACrashingCompiler() async throws {
        try Harness.require(["prlimit"])
        let h = try Harness()
        try h.write("fixtures/hello.c", "int main(void) { return 0; }\n")
        try h.write("bin/broken-cc", "#!/bin/sh\necho 'hello.c:1:1: error: broken on purpose' >&2\nexit 1\n", executable: true)
        try h.write("bin/crash-cc", "#!/bin/sh\nkill -SEGV $$\n", executable: true)
        let broken = try await h.run(matrix: matrix(cc: h.root + "/bin/broken-cc"))
        #expect(broken.first?.status == .compileError)
        #expect(broken.first?.reason == "broken-cc exited 1: hello.c:1:1: error: broken on purpose")
        let crashed = try await h.run(matrix: matrix(cc: h.root + "/bin/crash-cc"))
        #expect(crashed.first?.status == .compileError)
        #expect(crashed.first?.reason == "crash-cc was killed by SIGSEGV")
    }

    @Test func aProgramThatCrashesIsACrashNamingTheSignal() async throws {
        try Harness.require(["gcc", "prlimit"])
        let h = try Harness()
        try h.write("fixtures/nullderef.c", "int main(void) { volatile int *p = 0; return *p; }\n")
        let r = try #require(try await h.run(matrix: matrix(cc: "gcc")).first)
        #expect(r.status == .crash)
        #expect(r.signal == "SIGSEGV")
        #expect(r.reason == "killed by SIGSEGV")
    }

    @Test func aCompilerThatEmitsX86ForAarch64IsAPolicyFailureAndIsNotRun() async throws {
        try Harness.require(["gcc", "qemu-aarch64", "prlimit"])
        let h = try Harness()
        try h.write("fixtures/hello.c", "int main(void) { return 0; }\n")
        try h.write("bin/aarch64-liar-gcc", "#!/bin/sh\nexec gcc \"$@\"\n", executable: true)
        let records = try await h.run(matrix: matrix(
            cc: h.root + "/bin/aarch64-liar-gcc", target: "aarch64",
            runner: "runner = [\"qemu-aarch64\", \"-L\", \"/usr/aarch64-linux-gnu\"]"))
        let r = try #require(records.first)
        #expect(r.status == .policy, "\(Harness.describe(records))")
        #expect(r.reason == "not run: binary is x86_64 (64-bit); target aarch64 expects aarch64 (64-bit)")
        #expect(!r.commands.contains(where: { $0.step == .run }))
        #expect(r.violations.contains(where: { $0.check == "interpreter" }))
    }

    @Test func aMissingCompilerSkipsItsCellsNamingThePackage() async throws {
        let h = try Harness()
        try h.write("fixtures/hello.c", "int main(void) { return 0; }\n")
        let r = try #require(try await h.run(matrix: matrix(cc: "clang-99")).first)
        #expect(r.status == .skipped)
        #expect(r.reason == "'clang-99' is not installed (apt-get install clang-99)")
    }
}

/// Alive and not a zombie: a killed orphan may wait for a reaper that a container's init never is.
func isRunning(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")")
    else { return false }
    let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).prefix(1)
    return state != "Z" && state != "X"
}
