import Foundation
import Testing

/// `toolgate run --repeat N` end to end: exit status, the files beside report.json, and `--baseline`.
@Suite("run --repeat", .serialized, .timeLimit(.minutes(4)), .blocking)
struct RepeatCommandTests {
    /// Fails its first run in a directory when the trigger file exists; passes every run without it.
    static func setUp() throws -> (TempDir, trigger: String) {
        for tool in ["gcc", "prlimit"] { _ = try Spawn.require(tool) }
        let dir = try TempDir()
        let trigger = dir.path("trigger")
        try FileManager.default.createDirectory(atPath: dir.path("fixtures"), withIntermediateDirectories: true)
        let matrix = """
            name = "repeat"
            fixtures = "fixtures"
            opt = ["-O2"]
            link = ["shared-libgcc"]
            timeout = 30
            # The fixture reads a trigger file this test makes in its /tmp directory, which a sandbox hides.
            sandbox = "none"
            [compilers.gcc]
            cc = "gcc"
            cxx = "g++"
            [targets.x86_64]

            """
        try matrix.write(toFile: dir.path("matrix.toml"), atomically: true, encoding: .utf8)
        let fixture = """
            #include <stdio.h>
            #include <unistd.h>
            int main(void) {
                if (access("\(trigger)", F_OK) == 0 && access("flaky.marker", F_OK) != 0) {
                    FILE *f = fopen("flaky.marker", "w");
                    if (f) fclose(f);
                    return 1;
                }
                return 0;
            }

            """
        try fixture.write(toFile: dir.path("fixtures/once.c"), atomically: true, encoding: .utf8)
        try "int main(void) { return 0; }\n".write(toFile: dir.path("fixtures/ok.c"), atomically: true, encoding: .utf8)
        return (dir, trigger)
    }

    static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func flakyOnlyExitsZeroAndEveryFileListsItApart() throws {
        let (dir, trigger) = try Self.setUp()
        try "".write(toFile: trigger, atomically: true, encoding: .utf8)
        let out = dir.path("out")
        let r = try ToolgateBinary.run(["run", dir.path("matrix.toml"), "--out", out, "-j", "2", "--repeat", "2"])
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("2 cells: 1 pass, 1 flaky\n"), "\(r.stdout)")
        #expect(r.stderr.contains("FLAKY: once/gcc/x86_64/shared-libgcc/O2: passed on attempt 2 of up to 3; attempt 1: expected exit 0, got 1\n"), "\(r.stderr)")
        #expect(r.stdout.contains("once      ~\n") && r.stdout.contains("~ flaky"), "\(r.stdout)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/report.json"))) as? [String: Any])
        let cells = try #require(report["cells"] as? [[String: Any]])
        let once = try #require(cells.first { ($0["fixture"] as? String) == "once" })
        #expect(once["status"] as? String == "flaky")
        let attempts = try #require(once["attempts"] as? [[String: Any]])
        #expect(attempts.map { $0["exit_code"] as? Int } == [1, 0])
        #expect(attempts.allSatisfy { $0["duration_ms"] is Int && $0["stdout"] is String && $0["stderr"] is String })
        let ok = try #require(cells.first { ($0["fixture"] as? String) == "ok" })
        #expect(ok["attempts"] == nil)
        #expect((report["summary"] as? [String: Int])?["flaky"] == 1)
        #expect(try Self.read(out + "/junit.xml").contains("<system-out><![CDATA[flaky: passed on attempt 2 of 2 runs"))
        #expect(try Self.read(out + "/summary.md").contains("### Flaky cells (1)"))
        #expect(try Self.read(out + "/index.html").contains("<h2>Flaky cells (1)</h2>"))
    }

    @Test func withoutRepeatTheFailureCounts() throws {
        let (dir, trigger) = try Self.setUp()
        try "".write(toFile: trigger, atomically: true, encoding: .utf8)
        let r = try ToolgateBinary.run(["run", dir.path("matrix.toml"), "--out", dir.path("out"), "-j", "2"])
        #expect(r.status == 1, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("2 cells: 1 pass, 1 fail\n"), "\(r.stdout)")
    }

    @Test func againstABaselinePassToFlakyIsNotARegression() throws {
        let (dir, trigger) = try Self.setUp()
        let base = try ToolgateBinary.run(["run", dir.path("matrix.toml"), "--out", dir.path("base"), "-j", "2"])
        #expect(base.status == 0, "\(base.stdout)\n\(base.stderr)")
        try "".write(toFile: trigger, atomically: true, encoding: .utf8)
        let r = try ToolgateBinary.run([
            "run", dir.path("matrix.toml"), "--out", dir.path("new"), "-j", "2", "--repeat", "1", "--baseline", dir.path("base/report.json"),
        ])
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("FLAKY (failed, then passed on a rerun) (1)\n  once/gcc/x86_64/shared-libgcc/O2: pass -> flaky"), "\(r.stdout)")
        #expect(r.stdout.contains("OK: no regression; 1 flaky, 1 unchanged"), "\(r.stdout)")
        let comparison = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path("new/comparison.json")))) as? [String: Any])
        #expect((comparison["flaky"] as? [[String: Any]])?.count == 1)
        #expect((comparison["summary"] as? [String: Int])?["flaky"] == 1)
        #expect((comparison["summary"] as? [String: Int])?["regressions"] == 0)
    }

    @Test func aNegativeRepeatIsAUsageError() throws {
        let r = try ToolgateBinary.run(["run", "--repeat=-1"], timeout: 60)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("'--repeat' must be at least 0"), "\(r.stderr)")
    }
}
