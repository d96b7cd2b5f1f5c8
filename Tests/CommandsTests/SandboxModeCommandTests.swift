import Foundation
import Testing

/// `sandbox = "bwrap"` on a machine where bubblewrap cannot work is an error before anything runs;
/// `auto` warns, runs unsealed and says so in the report. TOOLGATE_BWRAP points at the broken bubblewrap.
@Suite("sandbox modes", .serialized, .timeLimit(.minutes(4)), .blocking)
struct SandboxModeCommandTests {
    static func setUp(mode: String) throws -> TempDir {
        for tool in ["gcc", "prlimit"] { _ = try Spawn.require(tool) }
        let dir = try TempDir()
        try FileManager.default.createDirectory(atPath: dir.path("fixtures"), withIntermediateDirectories: true)
        try """
            fixtures = "fixtures"
            sandbox = "\(mode)"
            link = ["shared-libgcc"]
            [compilers.gcc]
            cc = "gcc"
            [targets.x86_64]
            """.write(toFile: dir.path("matrix.toml"), atomically: true, encoding: .utf8)
        try "int main(void) { return 0; }\n".write(toFile: dir.path("fixtures/ok.c"), atomically: true, encoding: .utf8)
        // A bubblewrap that cannot make namespaces, as in a container without user namespaces.
        try "#!/bin/sh\necho 'bwrap: No permissions to creating new namespace' >&2\nexit 1\n"
            .write(toFile: dir.path("broken-bwrap"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path("broken-bwrap"))
        return dir
    }

    static func metadata(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let top = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(top["metadata"] as? [String: Any])
    }

    @Test(arguments: ["broken-bwrap", "no-such-bwrap"])
    func requiredBwrapThatCannotWorkIsExit2(_ bwrap: String) throws {
        let dir = try Self.setUp(mode: "bwrap")
        let run = try ToolgateBinary.run(
            ["run", dir.path("matrix.toml"), "--out", dir.path("out"), "--no-cache"], environment: ["TOOLGATE_BWRAP": dir.path(bwrap)])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("error: sandbox = \"bwrap\" but"), "\(run.stderr)")
        #expect(run.stderr.contains(bwrap), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("out/work/ok")), "nothing ran")
    }

    @Test func autoWarnsAndRunsUnsealed() throws {
        let dir = try Self.setUp(mode: "auto")
        let run = try ToolgateBinary.run(
            ["run", dir.path("matrix.toml"), "--out", dir.path("out"), "--no-cache"],
            environment: ["TOOLGATE_BWRAP": dir.path("broken-bwrap")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("warning: run steps are not sandboxed"), "\(run.stderr)")
        let sandbox = try #require(try Self.metadata(dir.path("out/report.json"))["sandbox"] as? [String: Any])
        #expect(sandbox["mode"] as? String == "auto" && sandbox["used"] as? String == "none")
        #expect((sandbox["warning"] as? String)?.contains("No permissions") == true, "\(sandbox)")
        let report = try String(contentsOfFile: dir.path("out/report.json"), encoding: .utf8)
        #expect(report.contains("\"sandbox\" : \"none\""), "each cell says how it was sealed")
    }

    @Test func theReproScriptShowsTheSandboxedCommand() throws {
        _ = try Spawn.require("bwrap")
        let dir = try Self.setUp(mode: "bwrap")
        let run = try ToolgateBinary.run(["run", dir.path("matrix.toml"), "--out", dir.path("out"), "--no-cache"])
        #expect(run.status == 0, "\(run.stderr)")
        let repro = try ToolgateBinary.run(["repro", "ok/gcc/x86_64/shared-libgcc/O2", "--report", dir.path("out/report.json")])
        #expect(repro.stdout.contains("bwrap") && repro.stdout.contains("--unshare-pid"), "\(repro.stdout)")
        let again = try ToolgateBinary.run(["repro", "ok/gcc/x86_64/shared-libgcc/O2", "--report", dir.path("out/report.json"), "--exec"])
        #expect(again.status == 0, "\(again.stderr)")
    }
}

@Suite("run and a missing sysroot", .timeLimit(.minutes(2)), .blocking)
struct MissingSysrootCommandTests {
    @Test func aSysrootThatIsNotThereIsExit2NamingIt() throws {
        let dir = try TempDir()
        try FileManager.default.createDirectory(atPath: dir.path("fixtures"), withIntermediateDirectories: true)
        try "int main(void) { return 0; }\n".write(toFile: dir.path("fixtures/ok.c"), atomically: true, encoding: .utf8)
        try """
            fixtures = "fixtures"
            [compilers.gcc]
            cc = "gcc"
            [targets.x86_64]
            sysroot = "no-such-stage"
            """.write(toFile: dir.path("matrix.toml"), atomically: true, encoding: .utf8)
        let run = try ToolgateBinary.run(["run", dir.path("matrix.toml"), "--out", dir.path("out"), "--no-cache"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("\(dir.path("matrix.toml")): error: [targets.x86_64] sysroot '\(dir.path("no-such-stage"))' is not a directory"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("out/report.json")))
    }
}
