import Foundation
import Testing
@testable import Model

/// What bubblewrap seals: a daemon cannot outlive its step, a write outside the cell never reaches the
/// host, there is no network, and a signal is still a crash.
@Suite(.timeLimit(.minutes(4))) struct SandboxTests {
    static let matrix = """
        fixtures = "fixtures"
        sandbox = "bwrap"
        link = ["shared-libgcc"]
        timeout = 5
        [compilers.gcc]
        cc = "gcc"
        [targets.x86_64]
        """

    /// Processes whose command line holds `marker`.
    static func processes(with marker: String) -> [String] {
        let fm = FileManager.default
        return ((try? fm.contentsOfDirectory(atPath: "/proc")) ?? []).filter { Int($0) != nil }.compactMap { pid in
            guard let data = fm.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            let line = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\0", with: " ")
            return line.contains(marker) ? "\(pid): \(line)" : nil
        }
    }

    @Test func aDaemonEndsWithItsStepAndLeavesNothingRunning() async throws {
        try Harness.require(["gcc", "bwrap", "prlimit"])
        let h = try Harness()
        let seconds = 4000 + Int.random(in: 0..<999)
        try h.write("fixtures/daemon.c", """
            // EXPECT-STDOUT: parent done
            #include <stdio.h>
            #include <unistd.h>
            int main(void) {
                if (fork() == 0) {
                    setsid();
                    if (fork() == 0) { execlp("sleep", "sleep", "\(seconds)", (char *)0); }
                    _exit(0);
                }
                puts("parent done");
                fflush(stdout);
                return 0;
            }
            """)
        let start = ContinuousClock.now
        // A timeout far above the step's own time, so "ended with its main process" and "waited for the
        // daemon until the timeout" cannot be confused on a loaded machine.
        let records = try await h.run(matrix: Self.matrix.replacingOccurrences(of: "timeout = 5", with: "timeout = 60"))
        #expect(ContinuousClock.now - start < .seconds(120))
        let r = try #require(records.first)
        #expect(r.status == .pass, "\(r.status) \(r.reason ?? "")")
        #expect(r.sandbox == "bwrap")
        #expect(r.commands.last.map { $0.durationMs < 30_000 } == true, "the step waited for the daemon")
        #expect(Self.processes(with: "sleep \(seconds)").isEmpty, "\(Self.processes(with: "sleep \(seconds)"))")
    }

    @Test func writesOutsideTheCellNeverReachTheHost() async throws {
        try Harness.require(["gcc", "bwrap", "prlimit"])
        let h = try Harness()
        let tag = UUID().uuidString.prefix(8)
        // The harness's own directory is under /tmp too, which the sandbox replaces by a private tmpfs.
        let tmpFile = "/tmp/toolgate-escape-\(tag)", rootFile = "/root/toolgate-escape-\(tag)", repoFile = h.root + "/escape-\(tag)"
        let varFile = "/var/tmp/toolgate-escape-\(tag)"
        try h.write("fixtures/escape.c", """
            // EXPECT-STDOUT: tmp private
            // EXPECT-STDOUT: root refused
            // EXPECT-STDOUT: harness private
            // EXPECT-STDOUT: var refused
            // EXPECT-STDOUT: cell ok
            #include <stdio.h>
            static int put(const char *path) { FILE *f = fopen(path, "w"); if (!f) return 0; fputs("escaped", f); return fclose(f) == 0; }
            int main(void) {
                puts(put("\(tmpFile)") ? "tmp private" : "tmp refused");
                puts(put("\(rootFile)") ? "root written" : "root refused");
                puts(put("\(repoFile)") ? "harness private" : "harness refused");
                puts(put("\(varFile)") ? "var written" : "var refused");
                puts(put("inside-the-cell") ? "cell ok" : "cell refused");
                return 0;
            }
            """)
        let records = try await h.run(matrix: Self.matrix)
        let r = try #require(records.first)
        #expect(r.status == .pass, "\(r.status) \(r.reason ?? "") \(r.stdout)")
        let fm = FileManager.default
        for f in [tmpFile, rootFile, repoFile, varFile] {
            #expect(!fm.fileExists(atPath: f), "\(f) appeared on the host")
            try? fm.removeItem(atPath: f)
        }
    }

    /// A listener of the test's own on the host's loopback: outside a sandbox the fixture would reach it;
    /// inside, bubblewrap's new network namespace has a loopback of its own where nothing listens.
    @Test func thereIsNoNetwork() async throws {
        try Harness.require(["gcc", "bwrap", "prlimit", "python3"])
        let h = try Harness()
        let listener = Process()
        listener.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        listener.arguments = ["python3", "-c", """
            import socket, sys, time
            s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
            print(s.getsockname()[1], flush=True); time.sleep(120)
            """]
        let pipe = Pipe()
        listener.standardOutput = pipe
        try listener.run()
        defer { listener.terminate() }
        let line = String(decoding: pipe.fileHandleForReading.availableData, as: UTF8.self)
        let port = try #require(Int(line.trimmingCharacters(in: .whitespacesAndNewlines)), "listener said '\(line)'")
        try h.write("fixtures/connect.c", """
            // EXPECT-STDOUT: connect failed
            #include <arpa/inet.h>
            #include <stdio.h>
            #include <sys/socket.h>
            int main(void) {
                int s = socket(AF_INET, SOCK_STREAM, 0);
                struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(\(port)) };
                a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
                puts(connect(s, (struct sockaddr *)&a, sizeof a) == 0 ? "connected" : "connect failed");
                return 0;
            }
            """)
        let records = try await h.run(matrix: Self.matrix)
        let r = try #require(records.first)
        #expect(r.status == .pass, "\(r.status) \(r.reason ?? "") \(r.stdout)")
        let unsealed = try await h.run(matrix: Self.matrix.replacingOccurrences(of: "sandbox = \"bwrap\"", with: "sandbox = \"none\""), out: "out-none")
        #expect(unsealed.first?.stdout.hasPrefix("connected") == true, "the listener is reachable from the host: \(unsealed.first?.stdout ?? "")")
    }

    @Test func aSignalInsideIsStillACrashAndATimeoutStillATimeout() async throws {
        try Harness.require(["gcc", "bwrap", "prlimit"])
        let h = try Harness()
        try h.write("fixtures/segv.c", """
            #include <signal.h>
            int main(void) { raise(SIGSEGV); return 0; }
            """)
        try h.write("fixtures/abort-expected.c", """
            // EXPECT-SIGNAL: SIGABRT
            #include <stdlib.h>
            int main(void) { abort(); }
            """)
        try h.write("fixtures/spin.c", """
            int main(void) { for (;;) { } }
            """)
        let records = try await h.run(matrix: Self.matrix.replacingOccurrences(of: "timeout = 5", with: "timeout = 2"))
        let byFixture = Dictionary(uniqueKeysWithValues: records.map { ($0.fixture, $0) })
        #expect(byFixture["segv"]?.status == .crash && byFixture["segv"]?.signal == "SIGSEGV", "\(Harness.describe(records))")
        #expect(byFixture["segv"]?.exitCode == nil)
        #expect(byFixture["abort-expected"]?.status == .pass, "\(Harness.describe(records))")
        #expect(byFixture["spin"]?.status == .timeout, "\(Harness.describe(records))")
        #expect(records.allSatisfy { $0.sandbox == "bwrap" })
    }
}
