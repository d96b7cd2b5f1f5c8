import Foundation
import Synchronization
import Testing
@testable import Execution
@testable import Model

/// The launcher (Sources/CLaunch, Launcher.swift) as a step sees it: signals, limits, descriptors,
/// waiting on the pid alone, exec failures and the group kill.
@Suite(.timeLimit(.minutes(2))) struct LauncherTests: ShellStepSuite {
    let scratch: TempDir
    var dir: String { scratch.path }

    init() throws { scratch = try TempDir("launch") }

    /// "SigIgn:\t0000000000001000" → its bits.
    static func mask(_ field: String, in status: String) -> UInt64? {
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
              let hex = line.split(separator: "\t").last
        else { return nil }
        return UInt64(hex, radix: 16)
    }

    static func bit(_ signal: Int32) -> UInt64 { 1 << UInt64(signal - 1) }

    @Test func aChildSeesNoBlockedAndNoIgnoredSignalEvenWhenToolgateIgnoresSome() throws {
        let realtime = __libc_current_sigrtmin() + 3
        let oldPipe = signal(SIGPIPE, SIG_IGN)
        let oldRealtime = signal(realtime, SIG_IGN)
        defer {
            signal(SIGPIPE, oldPipe)
            signal(realtime, oldRealtime)
        }
        // And this thread blocks SIGUSR1 and SIGTERM while it launches.
        var block = sigset_t(), old = sigset_t()
        sigemptyset(&block)
        sigaddset(&block, SIGUSR1)
        sigaddset(&block, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &block, &old)
        defer { pthread_sigmask(SIG_SETMASK, &old, nil) }

        let own = try String(contentsOfFile: "/proc/thread-self/status", encoding: .utf8)
        let ownIgnored = try #require(Self.mask("SigIgn", in: own))
        let ownBlocked = try #require(Self.mask("SigBlk", in: own))
        #expect(ownIgnored & Self.bit(SIGPIPE) != 0 && ownIgnored & Self.bit(realtime) != 0, "the test's own SigIgn \(ownIgnored)")
        #expect(ownBlocked & Self.bit(SIGUSR1) != 0, "the test's own SigBlk \(ownBlocked)")

        let spec = Launcher.Spec(
            executable: "/bin/cat", argv: ["cat", "/proc/self/status"], environment: [:], cwd: dir,
            stdout: .file(dir + "/status"), stderr: .file(dir + "/err"))
        let pid = try Launcher.start(spec).get()
        #expect(Launcher.waitBlocking(pid) == .exited(0))
        let child = try String(contentsOfFile: dir + "/status", encoding: .utf8)
        #expect(Self.mask("SigBlk", in: child) == 0, "\(child)")
        #expect(Self.mask("SigIgn", in: child) == 0, "\(child)")
    }

    @Test func aStepSeesNoIgnoredSignalThroughTheRunnerToo() async throws {
        let realtime = __libc_current_sigrtmin() + 3
        let oldRealtime = signal(realtime, SIG_IGN)
        defer { signal(realtime, oldRealtime) }
        let result = await ProcessRunner.run(StepRequest(
            argv: ["cat", "/proc/self/status"], cwd: dir, timeoutSeconds: 20, stdoutPath: dir + "/out", stderrPath: dir + "/err"))
        #expect(result.succeeded)
        let child = CapturedOutput.read(dir + "/out")
        #expect(Self.mask("SigBlk", in: child) == 0, "\(child)")
        #expect(Self.mask("SigIgn", in: child) == 0, "\(child)")
    }

    /// "Max cpu time  7  7  seconds" → "7 7" (soft and hard).
    static func limit(_ name: String, in limits: String) -> String? {
        guard let line = limits.split(separator: "\n").first(where: { $0.hasPrefix(name) }) else { return nil }
        let fields = line.dropFirst(name.count).split(separator: " ")
        guard fields.count >= 2 else { return nil }
        return "\(fields[0]) \(fields[1])"
    }

    @Test func aRunStepsLimitsApplyInTheChild() async throws {
        var limits = RunLimits()
        limits.cpuSeconds = 7
        limits.memoryMiB = 3000
        limits.processes = 99
        limits.outputKiB = 512
        let result = await ProcessRunner.run(StepRequest(
            argv: ["cat", "/proc/self/limits"], cwd: dir, timeoutSeconds: 20, limits: limits,
            stdoutPath: dir + "/out", stderrPath: dir + "/err"))
        #expect(result.succeeded)
        let text = CapturedOutput.read(dir + "/out")
        #expect(Self.limit("Max cpu time", in: text) == "7 7", "\(text)")
        #expect(Self.limit("Max address space", in: text) == "\(3000 * 1024 * 1024) \(3000 * 1024 * 1024)", "\(text)")
        #expect(Self.limit("Max processes", in: text) == "99 99", "\(text)")
        #expect(Self.limit("Max file size", in: text) == "\(512 * 1024) \(512 * 1024)", "\(text)")
        #expect(Self.limit("Max core file size", in: text) == "0 0", "\(text)")
        // A step without limits keeps toolgate's own.
        _ = await ProcessRunner.run(StepRequest(
            argv: ["cat", "/proc/self/limits"], cwd: dir, timeoutSeconds: 20, stdoutPath: dir + "/out", stderrPath: dir + "/err"))
        let own = try String(contentsOfFile: "/proc/self/limits", encoding: .utf8)
        let plain = CapturedOutput.read(dir + "/out")
        #expect(Self.limit("Max cpu time", in: plain) != nil)
        #expect(Self.limit("Max cpu time", in: plain) == Self.limit("Max cpu time", in: own), "\(plain)")
    }

    @Test func noDescriptorAbove2IsInheritedAndStdinIsDevNull() async throws {
        // Held open by the test without FD_CLOEXEC: a plain fork would pass it on.
        let held = open(dir + "/held", O_WRONLY | O_CREAT, 0o644)
        #expect(held > 2)
        defer { close(held) }
        #expect(fcntl(held, F_GETFD) & FD_CLOEXEC == 0)
        let result = await ProcessRunner.run(request("readlink /proc/self/fd/0; exec ls /proc/self/fd"))
        #expect(result.succeeded)
        // /dev/null for stdin, then 0, 1, 2 and ls's own directory descriptor, nothing else.
        #expect(CapturedOutput.read(dir + "/out") == "/dev/null\n0\n1\n2\n3\n")
    }

    @Test func theChildLeadsItsOwnProcessGroup() async throws {
        let result = await ProcessRunner.run(request("echo $$ $(cut -d' ' -f5 /proc/$$/stat)"))
        #expect(result.succeeded)
        let words = CapturedOutput.read(dir + "/out").split(whereSeparator: \.isWhitespace)
        #expect(words.count == 2 && words[0] == words[1], "pid and process group: \(words)")
        #expect(words.first != "\(getpgrp())", "the step is still in toolgate's group")
    }

    /// fork, setsid, fork, exec sleep 30, with stdout still open: what a daemon does. The step ends when
    /// its own process does; a pipe-waiting launcher would wait the 30 s.
    @Test func aDaemonizingChildDoesNotHoldTheStepOpen() async throws {
        let gcc = try #require(ExecutableLookup.resolve("gcc"), "gcc is needed to build the daemon")
        let source = """
            #include <stdio.h>
            #include <sys/wait.h>
            #include <unistd.h>
            int main(void) {
                // The classic double fork; the parent waits for the first child, which has left the
                // step's group (setsid) by the time it exits.
                pid_t first = fork();
                if (first > 0) { waitpid(first, 0, 0); return 0; }
                setsid();
                if (fork() != 0) return 0;
                FILE *f = fopen("daemon.pid", "w");
                fprintf(f, "%d\\n", (int)getpid());
                fclose(f);
                printf("daemon here\\n");
                fflush(stdout);
                execlp("sleep", "sleep", "30", (char *)0);
                return 1;
            }
            """
        try source.write(toFile: dir + "/daemon.c", atomically: true, encoding: .utf8)
        let build = await ProcessRunner.run(StepRequest(
            argv: [gcc, "-o", "daemon", "daemon.c"], cwd: dir, timeoutSeconds: 60, stdoutPath: dir + "/cc.out", stderrPath: dir + "/cc.err"))
        try #require(build.succeeded, "\(CapturedOutput.read(dir + "/cc.err"))")

        let started = ContinuousClock.now
        let result = await ProcessRunner.run(StepRequest(
            argv: ["./daemon"], cwd: dir, timeoutSeconds: 60, limits: RunLimits(), stdoutPath: dir + "/out", stderrPath: dir + "/err"))
        let took = ContinuousClock.now - started
        #expect(result.succeeded)
        #expect(!result.timedOut)
        #expect(took < .seconds(10), "the step took \(took)")

        // The daemon is real and still running: it left the group, so nothing killed it.
        var daemon: Int32?
        for _ in 0..<250 where daemon == nil {
            daemon = (try? String(contentsOfFile: dir + "/daemon.pid", encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if daemon == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        let pid = try #require(daemon)
        defer { _ = kill(pid, SIGKILL) }
        #expect(ProcessState.isRunning(pid))
    }

    @Test func anExecFailureIs127WithAMessage() async throws {
        try "#!/no/such/interpreter\n".write(toFile: dir + "/bad", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir + "/bad")
        let result = await ProcessRunner.run(StepRequest(
            argv: ["./bad"], cwd: dir, timeoutSeconds: 10, limits: RunLimits(), stdoutPath: dir + "/out", stderrPath: dir + "/err"))
        #expect(result.exitCode == 127)
        #expect(result.signal == nil)
        #expect(result.launchError == nil, "a program the kernel cannot load is the step's failure, not a skipped cell")
        #expect(CapturedOutput.read(dir + "/err") == "toolgate: cannot run './bad': No such file or directory\n")

        let direct = Launcher.start(Launcher.Spec(
            executable: dir + "/bad", argv: ["./bad"], environment: [:], cwd: dir, stdout: .null, stderr: .null))
        #expect(direct == .failure(.execFailed("cannot run './bad': No such file or directory", errno: ENOENT)))
    }

    /// A program still open for writing (ETXTBSY) is started again once it is free, not failed at once.
    @Test func aProgramBusyForAMomentIsStartedOnceFree() async throws {
        try "#!/bin/sh\necho started\n".write(toFile: dir + "/busy", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir + "/busy")
        let writer = open(dir + "/busy", O_WRONLY)
        #expect(writer >= 0)
        let spec = Launcher.Spec(executable: dir + "/busy", argv: ["./busy"], environment: [:], cwd: dir, stdout: .null, stderr: .null)
        let busy = Launcher.start(spec)
        #expect(busy == .failure(.execFailed("cannot run './busy': Text file busy", errno: ETXTBSY)))
        let release = Task {
            try? await Task.sleep(for: .milliseconds(100))
            close(writer)
        }
        let result = await ProcessRunner.run(StepRequest(
            argv: ["./busy"], cwd: dir, timeoutSeconds: 10, stdoutPath: dir + "/out", stderrPath: dir + "/err"))
        await release.value
        #expect(result.succeeded, "\(CapturedOutput.read(dir + "/err"))")
        #expect(CapturedOutput.read(dir + "/out") == "started\n")
    }

    @Test func theEndOfTheMainProcessKillsWhatItLeftInItsGroup() async throws {
        let started = ContinuousClock.now
        let result = await ProcessRunner.run(request("sleep 300 & echo $! > \(dir)/pid; exit 0"))
        #expect(result.succeeded)
        // Far below the child's 300 s, far above what a loaded 2-core machine running the suite in parallel takes.
        #expect(ContinuousClock.now - started < .seconds(120))
        let pid = try #require(Int32(CapturedOutput.read(dir + "/pid").trimmingCharacters(in: .whitespacesAndNewlines)))
        try await Task.sleep(for: .milliseconds(200))
        #expect(!ProcessState.isRunning(pid), "the background child \(pid) is still alive")
    }

    /// The pid of a step is free for reuse once it is reaped (pid_max is 32768 here), so every kill of its
    /// group and its removal from the interrupt registry come before the reap: `beforeReap` runs while the
    /// step is still a zombie, and its background child is already dead by then.
    @Test func theGroupIsKilledAndForgottenWhileThePidIsStillHeld() async throws {
        let spec = Launcher.Spec(
            executable: "/bin/sh", argv: ["sh", "-c", "sleep 300 & echo $! > \(dir)/pid; exit 3"], environment: [:], cwd: dir,
            stdout: .null, stderr: .null)
        let pid = try Launcher.start(spec).get()
        let dir = self.dir
        let seen = Mutex<(leader: String, child: Bool)?>(nil)
        let (ending, timedOut) = await Launcher.wait(pid, timeoutSeconds: 60) {
            let child = Int32(CapturedOutput.read(dir + "/pid").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            // A killed child may linger a moment as a zombie of sh's; it is reparented and reaped after.
            var alive = ProcessState.isRunning(child)
            for _ in 0..<100 where alive { usleep(10_000); alive = ProcessState.isRunning(child) }
            seen.withLock { $0 = (ProcessState.state(pid), alive) }
        }
        #expect(ending == .exited(3))
        #expect(!timedOut)
        let (leader, childAlive) = try #require(seen.withLock { $0 })
        #expect(leader == "Z", "the step's process was '\(leader)', not a zombie, when the registry forgot it")
        #expect(!childAlive, "the background child outlived the group kill")
        #expect(ProcessState.state(pid) != "Z", "the step was never reaped")
    }

    @Test func aTimeoutKillsTheStepAndItsGrandchild() async throws {
        // The main process and a grandchild in its group, both hanging.
        let result = await ProcessRunner.run(request("sleep 300 & echo $! > \(dir)/pid; echo $$ > \(dir)/main; wait", timeout: 1))
        #expect(result.timedOut)
        #expect(result.signal == "SIGKILL")
        let grandchild = try #require(Int32(CapturedOutput.read(dir + "/pid").trimmingCharacters(in: .whitespacesAndNewlines)))
        let main = try #require(Int32(CapturedOutput.read(dir + "/main").trimmingCharacters(in: .whitespacesAndNewlines)))
        try await Task.sleep(for: .milliseconds(200))
        #expect(!ProcessState.isRunning(main), "the step's process \(main) is still alive")
        #expect(!ProcessState.isRunning(grandchild), "the grandchild \(grandchild) is still alive")
    }

    @Test func theChildGetsExactlyTheGivenEnvironmentAndDirectory() throws {
        let spec = Launcher.Spec(
            executable: "/usr/bin/env", argv: ["env"], environment: ["ONLY": "this one"], cwd: dir,
            stdout: .file(dir + "/env"), stderr: .null)
        let pid = try Launcher.start(spec).get()
        #expect(Launcher.waitBlocking(pid) == .exited(0))
        #expect(try String(contentsOfFile: dir + "/env", encoding: .utf8) == "ONLY=this one\n")
    }
}
