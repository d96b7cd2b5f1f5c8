import Foundation
import Testing

/// `toolgate run --keep-work failed|all|none`: which directories stay under OUT/work, and `repro` of a
/// passing cell whose directory is gone.
@Suite("run --keep-work", .serialized, .timeLimit(.minutes(5)), .blocking)
struct KeepWorkCommandTests {
    /// `ok` passes (shared and static), `bad` fails at run time in both.
    static func setUp() throws -> TempDir {
        _ = try Spawn.require("gcc")
        let dir = try TempDir()
        try FileManager.default.createDirectory(atPath: dir.path("fixtures"), withIntermediateDirectories: true)
        let matrix = """
            name = "keep"
            fixtures = "fixtures"
            opt = ["-O2"]
            link = ["shared-libgcc", "static"]
            timeout = 30
            [compilers.gcc]
            cc = "gcc"
            cxx = "g++"
            [targets.x86_64]

            """
        try matrix.write(toFile: dir.path("matrix.toml"), atomically: true, encoding: .utf8)
        try "#include <stdio.h>\nint main(void) { puts(\"ok\"); return 0; }\n".write(toFile: dir.path("fixtures/ok.c"), atomically: true, encoding: .utf8)
        try "int main(void) { return 3; }\n".write(toFile: dir.path("fixtures/bad.c"), atomically: true, encoding: .utf8)
        return dir
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    func run(_ dir: TempDir, _ keep: String?) throws -> String {
        let out = dir.path("out-\(keep ?? "default")")
        let r = try ToolgateBinary.run(
            ["run", dir.path("matrix.toml"), "--out", out, "-j", "2", "--cache-dir", dir.path("cache")] + (keep.map { ["--keep-work", $0] } ?? []))
        #expect(r.status == 1, "\(r.stdout)\n\(r.stderr)")
        return out + "/work"
    }

    @Test func eachModeKeepsTheRightDirectories() throws {
        let dir = try Self.setUp()
        let unit = { (work: String, f: String) in "\(work)/\(f)/gcc/x86_64/O2" }
        for keep in [nil, "failed"] {
            let work = try run(dir, keep)
            #expect(!Self.exists(unit(work, "ok")), "a passing unit's objects were kept (\(keep ?? "default"))")
            #expect(Self.exists(unit(work, "bad") + "/shared-libgcc/prog") && Self.exists(unit(work, "bad") + "/static/prog"))
            #expect(Self.exists(unit(work, "bad") + "/obj"), "a failing unit's objects went")
        }
        let all = try run(dir, "all")
        #expect(Self.exists(unit(all, "ok") + "/shared-libgcc/prog") && Self.exists(unit(all, "ok") + "/obj"))
        #expect(Self.exists(unit(all, "bad") + "/static/prog"))
        let none = try run(dir, "none")
        #expect(!Self.exists(unit(none, "ok")) && !Self.exists(unit(none, "bad")))
        let bad = try ToolgateBinary.run(["run", dir.path("matrix.toml"), "--out", dir.path("x"), "--keep-work", "some"])
        #expect(bad.status != 0 && bad.stderr.contains("--keep-work"), "\(bad.stderr)")
    }

    @Test func reproOfAPassingCellRebuildsItsRemovedDirectory() throws {
        let dir = try Self.setUp()
        let work = try run(dir, nil)
        #expect(!Self.exists(work + "/ok/gcc/x86_64/O2"))
        for link in ["shared-libgcc", "static"] {
            let r = try ToolgateBinary.run(["repro", "ok/gcc/x86_64/\(link)/O2", "--report", dir.path("out-default/report.json"), "--exec"])
            #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
            #expect(r.stdout == "ok\n", "\(r.stdout)")
            #expect(Self.exists(work + "/ok/gcc/x86_64/O2/\(link)/prog"), "repro did not rebuild the program")
        }
    }
}
