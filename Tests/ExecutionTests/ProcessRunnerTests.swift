import Foundation
import Testing
@testable import Execution
@testable import Model

@Suite(.timeLimit(.minutes(5))) struct ProcessRunnerTests: ShellStepSuite {
    let scratch: TempDir
    var dir: String { scratch.path }

    init() throws { scratch = try TempDir("exec") }

    @Test func exitStatusOutputAndSignal() async {
        let ok = await ProcessRunner.run(request("echo hi; echo oops >&2; exit 3"))
        #expect(ok.exitCode == 3)
        #expect(CapturedOutput.read(dir + "/out") == "hi\n")
        #expect(CapturedOutput.read(dir + "/err") == "oops\n")
        let killed = await ProcessRunner.run(request("kill -SEGV $$"))
        #expect(killed.signal == "SIGSEGV")
        #expect(killed.exitCode == nil)
    }

    @Test func runStepsStartWithNoBlockedOrIgnoredSignals() async {
        _ = await ProcessRunner.run(request("exec grep -E '^Sig(Blk|Ign)' /proc/self/status", limits: RunLimits()))
        let text = CapturedOutput.read(dir + "/out")
        #expect(text.contains("SigBlk:\t0000000000000000"), "\(text)")
        #expect(text.contains("SigIgn:\t0000000000000000"), "\(text)")
    }

    @Test func aStepInAMissingDirectoryIsALaunchErrorNotACrash() async {
        var r = request("true")
        r.cwd = dir + "/does-not-exist"
        let result = await ProcessRunner.run(r)
        #expect(result.launchError != nil)
        #expect(!result.succeeded)
    }

    @Test func aTimeoutKillsTheWholeProcessGroup() async throws {
        // The step leaves a grandchild behind (a compiler wrapper's child); the timeout must end it too.
        let result = await ProcessRunner.run(request("sleep 300 & echo $! > \(dir)/pid; wait", timeout: 1))
        #expect(result.timedOut)
        #expect(result.signal == "SIGKILL")
        let pid = try #require(Int32(CapturedOutput.read(dir + "/pid").trimmingCharacters(in: .whitespacesAndNewlines)))
        try await Task.sleep(for: .milliseconds(200))
        #expect(!ProcessState.isRunning(pid), "the grandchild \(pid) is still alive")
    }

    @Test func runLimitsApply() async {
        var limits = RunLimits()
        limits.outputKiB = 4
        let big = await ProcessRunner.run(request("exec head -c 100000 /dev/zero", limits: limits))
        #expect(big.signal == "SIGXFSZ")
        limits = RunLimits()
        limits.cpuSeconds = 1
        let spin = await ProcessRunner.run(request("exec perl -e '1 while 1'", timeout: 30, limits: limits))
        #expect(spin.signal == "SIGXCPU" || spin.signal == "SIGKILL")
        #expect(!spin.timedOut)
    }

    @Test func aMissingCommandIsALaunchError() async {
        let r = await ProcessRunner.run(StepRequest(
            argv: ["no-such-compiler-xyz"], cwd: dir, timeoutSeconds: 5, stdoutPath: dir + "/o", stderrPath: dir + "/e"))
        #expect(r.launchError == "'no-such-compiler-xyz': command not found")
    }

    @Test func debianPackageHints() {
        #expect(DebianPackages.package(for: "aarch64-linux-gnu-g++") == "g++-aarch64-linux-gnu")
        #expect(DebianPackages.package(for: "clang++-19") == "clang-19")
        #expect(DebianPackages.package(for: "qemu-aarch64") == "qemu-user")
    }
}

/// Alive and not a zombie: a killed orphan may wait for a reaper that a container's init never is.
enum ProcessState {
    static func isRunning(_ pid: Int32) -> Bool {
        let s = state(pid)
        return !s.isEmpty && s != "Z" && s != "X"
    }

    /// The state letter of /proc/PID/stat ("R", "S", "Z", ...); empty when there is no such process.
    static func state(_ pid: Int32) -> String {
        guard pid > 0, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")")
        else { return "" }
        return String(stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).prefix(1))
    }
}

extension ProcessRunnerTests {
    @Test func aRelativeCommandIsTheStepDirectorys() async throws {
        try "#!/bin/sh\necho here\n".write(toFile: dir + "/prog", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir + "/prog")
        let r = await ProcessRunner.run(StepRequest(
            argv: ["./prog"], cwd: dir, timeoutSeconds: 10, stdoutPath: dir + "/o", stderrPath: dir + "/e"))
        #expect(r.succeeded)
        #expect(CapturedOutput.read(dir + "/o") == "here\n")
    }
}
