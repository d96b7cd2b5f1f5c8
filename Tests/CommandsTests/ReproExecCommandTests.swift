import Foundation
import Testing

/// `toolgate repro CELL --exec`: the cell's script runs with sh, started by the same launcher as every
/// step, and toolgate exits with the script's status.
@Suite("repro --exec", .timeLimit(.minutes(3)))
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
}
