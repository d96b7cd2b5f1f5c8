import Foundation
import Testing

/// `toolgate repro CELL --exec`: the cell's steps run again as its script would, each started by the same
/// launcher as every step (limits set in the child, no prlimit), and toolgate exits with the run's status.
@Suite("repro --exec", .timeLimit(.minutes(3)), .blocking)
struct ReproExecCommandTests {
    @Test func theScriptRunsThroughTheLauncherAndItsStatusIsToolgates() throws {
        _ = try Spawn.require("gcc")
        let dir = try TempDir()
        try FileManager.default.createDirectory(atPath: dir.path("fixtures"), withIntermediateDirectories: true)
        let matrix = """
            name = "repro-exec"
            fixtures = "fixtures"
            opt = ["-O2"]
            link = ["shared-libgcc"]
            timeout = 30
            [compilers.gcc]
            cc = "gcc"
            cxx = "g++"
            [targets.x86_64]

            """
        try matrix.write(toFile: dir.path("matrix.toml"), atomically: true, encoding: .utf8)
        // Prints its own signal state and fails with 3, so the cell fails and its repro has a status to pass on.
        let fixture = """
            #include <stdio.h>
            #include <string.h>
            int main(void) {
                char line[256];
                FILE *f = fopen("/proc/self/status", "r");
                while (f && fgets(line, sizeof line, f))
                    if (strncmp(line, "SigBlk:", 7) == 0 || strncmp(line, "SigIgn:", 7) == 0) fputs(line, stdout);
                if (f) fclose(f);
                return 3;
            }

            """
        try fixture.write(toFile: dir.path("fixtures/three.c"), atomically: true, encoding: .utf8)
        let out = dir.path("out")
        let run = try ToolgateBinary.run(["run", dir.path("matrix.toml"), "--out", out, "--no-cache"])
        #expect(run.status == 1, "\(run.stdout)\n\(run.stderr)")

        let cell = "three/gcc/x86_64/shared-libgcc/O2"
        let repro = try ToolgateBinary.run(["repro", cell, "--report", out + "/report.json", "--exec"])
        #expect(repro.status == 3, "\(repro.stdout)\n\(repro.stderr)")
        #expect(repro.stdout.contains("SigBlk:\t0000000000000000\n"), "\(repro.stdout)")
        #expect(repro.stdout.contains("SigIgn:\t0000000000000000\n"), "\(repro.stdout)")
        #expect(repro.stderr.contains("toolgate repro: run exited 3"), "\(repro.stderr)")

        let missing = try ToolgateBinary.run(["repro", "nope/gcc/x86_64/shared-libgcc/O2", "--report", out + "/report.json", "--exec"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no cell 'nope/gcc/x86_64/shared-libgcc/O2'"), "\(missing.stderr)")
    }

    /// The run step's recorded limits come back through setrlimit in the child: the program reads them,
    /// and a `prlimit` first on PATH (that would leave a mark) is never started.
    @Test func theRunStepsLimitsAreSetWithoutPrlimit() throws {
        _ = try Spawn.require("gcc")
        let dir = try TempDir()
        try FileManager.default.createDirectory(atPath: dir.path("fixtures"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir.path("bin"), withIntermediateDirectories: true)
        try """
            fixtures = "fixtures"
            link = ["shared-libgcc"]
            sandbox = "none"
            [limits]
            cpu_seconds = 17
            processes = 99
            [compilers.gcc]
            cc = "gcc"
            [targets.x86_64]
            """.write(toFile: dir.path("matrix.toml"), atomically: true, encoding: .utf8)
        try """
            // EXPECT-STDOUT: cpu 17 nproc 99
            #include <stdio.h>
            #include <sys/resource.h>
            int main(void) {
                struct rlimit cpu, nproc;
                getrlimit(RLIMIT_CPU, &cpu);
                getrlimit(RLIMIT_NPROC, &nproc);
                printf("cpu %llu nproc %llu\\n", (unsigned long long)cpu.rlim_cur, (unsigned long long)nproc.rlim_cur);
                return 0;
            }
            """.write(toFile: dir.path("fixtures/limits.c"), atomically: true, encoding: .utf8)
        let mark = dir.path("prlimit-was-started")
        try "#!/bin/sh\ntouch '\(mark)'\nexit 99\n".write(toFile: dir.path("bin/prlimit"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path("bin/prlimit"))
        let path = dir.path("bin") + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let out = dir.path("out")
        let run = try ToolgateBinary.run(["run", dir.path("matrix.toml"), "--out", out, "--no-cache", "--keep-work", "all"], environment: ["PATH": path])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        let repro = try ToolgateBinary.run(
            ["repro", "limits/gcc/x86_64/shared-libgcc/O2", "--report", out + "/report.json", "--exec"], environment: ["PATH": path])
        #expect(repro.status == 0, "\(repro.stdout)\n\(repro.stderr)")
        #expect(repro.stdout == "cpu 17 nproc 99\n", "\(repro.stdout)\n\(repro.stderr)")
        #expect(!FileManager.default.fileExists(atPath: mark), "prlimit was started")
        // The printed script still names the limits for a person's shell.
        let script = try ToolgateBinary.run(["repro", "limits/gcc/x86_64/shared-libgcc/O2", "--report", out + "/report.json"])
        #expect(script.stdout.contains("prlimit --cpu=17"), "\(script.stdout)")
    }
}
