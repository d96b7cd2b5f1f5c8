import Foundation
import Testing

/// The issue's "Versions" test: a library built with a version script (LIBX_1.0, LIBX_2.0, a symbol at
/// each) linked into a program; a root then gets a build of the library with LIBX_1.0 only. `resolve`
/// names the missing version and the missing symbol version, and exits 1, without running anything; the
/// real loader, run afterwards in the same root, refuses the program for the same reason.
@Suite("Versions", .serialized, .timeLimit(.minutes(4)), .blocking)
struct ResolveVersionsTests {
    static let v2Source = "int x1(void) { return 1; }\nint x2(void) { return 2; }\n"
    static let v2Script = "LIBX_1.0 { global: x1; local: *; };\nLIBX_2.0 { global: x2; } LIBX_1.0;\n"
    static let v1Source = "int x1(void) { return 1; }\n"
    static let v1Script = "LIBX_1.0 { global: x1; local: *; };\n"
    static let program = "int x1(void);\nint x2(void);\nint main(void) { return x1() + x2() - 3; }\n"

    /// The program linked against the two-version library; a root with the loader, libc and `libx`.
    func setUp(_ tmp: TempDir, rootLibrary: (source: String, script: String)) throws -> (prog: String, root: URL) {
        let build = tmp.url.appendingPathComponent("build")
        let old = tmp.url.appendingPathComponent("old")
        for d in [build, old] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
        try ResolveSupport.library("libx.so.1", source: Self.v2Source, versionScript: Self.v2Script, in: build)
        try FileManager.default.createSymbolicLink(atPath: build.appendingPathComponent("libx.so").path, withDestinationPath: "libx.so.1")
        let prog = try ResolveSupport.program("prog", source: Self.program, flags: ["-L.", "-lx"], in: build)
        let root = tmp.url.appendingPathComponent("root")
        try ResolveSupport.minimalRoot(at: root)
        let lib = try ResolveSupport.library("libx.so.1", source: rootLibrary.source, versionScript: rootLibrary.script, in: old)
        try ResolveSupport.copy(lib, into: root, at: "usr/lib/libx.so.1")
        return (prog, root)
    }

    @Test func aRootWithTheOlderLibraryIsRefusedNamingTheVersionAndTheSymbol() throws {
        let tmp = try TempDir()
        let (prog, root) = try setUp(tmp, rootLibrary: (Self.v1Source, Self.v1Script))
        let (run, array) = try ResolveSupport.resolveJSON(["--sysroot", root.path, prog])
        #expect(run.status == 1, "stderr: \(run.stderr)")
        let element = try #require(array.first)
        let problems = ResolveSupport.problems(element)
        #expect(problems.contains { $0.kind == "missing_version" && $0.message == "LIBX_2.0 needed by prog; libx.so.1 defines up to LIBX_1.0" },
                "\(problems)")
        #expect(problems.contains { $0.kind == "missing_symbol_version" && $0.message.hasPrefix("x2@LIBX_2.0 needed by prog") },
                "\(problems)")
        // x1@LIBX_1.0 is there: only what is missing is named.
        #expect(!problems.contains { $0.message.contains("x1@") })
        #expect(ResolveSupport.objects(element)["libx.so.1"]?.path == "/usr/lib/libx.so.1")
        #expect(element["resolved"] as? Bool == false)

        // The text form says the same.
        let text = try ToolgateBinary.run(["resolve", "--sysroot", root.path, prog])
        #expect(text.status == 1)
        #expect(text.stdout.contains("problem: missing_version: LIBX_2.0 needed by prog; libx.so.1 defines up to LIBX_1.0"), "\(text.stdout)")

        // The real loader of the root agrees, once the program is run against it.
        let loader = root.appendingPathComponent("lib64/ld-linux-x86-64.so.2").path
        let libraryPath = [root.appendingPathComponent("usr/lib").path, root.appendingPathComponent("lib/x86_64-linux-gnu").path]
        let real = try Spawn.run(loader, ["--inhibit-cache", "--library-path", libraryPath.joined(separator: ":"), prog])
        #expect(real.status != 0)
        #expect(real.stderr.contains("version `LIBX_2.0' not found"), "\(real.stderr)")
    }

    @Test func aRootWithTheNewLibraryResolvesCleanly() throws {
        let tmp = try TempDir()
        let (prog, root) = try setUp(tmp, rootLibrary: (Self.v2Source, Self.v2Script))
        let (run, array) = try ResolveSupport.resolveJSON(["--sysroot", root.path, prog])
        #expect(run.status == 0, "\(run.stdout)")
        let element = try #require(array.first)
        #expect(ResolveSupport.problems(element).isEmpty)
        let objects = ResolveSupport.objects(element)
        #expect(objects["libx.so.1"]?.path == "/usr/lib/libx.so.1")
        #expect(objects["libx.so.1"]?.via == "default")
        #expect(objects["libc.so.6"]?.path == "/lib/x86_64-linux-gnu/libc.so.6")
        #expect(objects["/lib64/ld-linux-x86-64.so.2"]?.via == "interpreter")
        // Every path is the root's: nothing of the host's /usr/lib/x86_64-linux-gnu.
        for o in (element["objects"] as? [[String: Any]]) ?? [] where o["via"] as? String != "input" {
            #expect((o["host_path"] as? String)?.hasPrefix(root.resolvingSymlinksInPath().path) == true, "\(o)")
        }
    }

    @Test func aRootWithoutLibcNamesItAndItsNeeder() throws {
        let tmp = try TempDir()
        let (prog, root) = try setUp(tmp, rootLibrary: (Self.v2Source, Self.v2Script))
        try FileManager.default.removeItem(at: root.appendingPathComponent("lib/x86_64-linux-gnu/libc.so.6"))
        let (run, array) = try ResolveSupport.resolveJSON(["--sysroot", root.path, prog])
        #expect(run.status == 1)
        let problems = ResolveSupport.problems(try #require(array.first))
        #expect(problems.contains { $0.kind == "missing_library" && $0.message == "libc.so.6 not found (needed by prog)" }, "\(problems)")
        // Named once, for the first object that needed it (libx.so.1 needs it too), as the loader stops there;
        // and the host's libc.so.6 is not taken for the root's.
        #expect(problems.filter { $0.kind == "missing_library" }.count == 1, "\(problems)")
    }

    @Test func aRootWithoutTheInterpreterSaysSo() throws {
        let tmp = try TempDir()
        let (prog, root) = try setUp(tmp, rootLibrary: (Self.v2Source, Self.v2Script))
        try FileManager.default.removeItem(at: root.appendingPathComponent("lib64/ld-linux-x86-64.so.2"))
        let (run, array) = try ResolveSupport.resolveJSON(["--sysroot", root.path, prog])
        #expect(run.status == 1)
        let problems = ResolveSupport.problems(try #require(array.first))
        #expect(problems.contains { $0.kind == "missing_interpreter" && $0.message.contains("/lib64/ld-linux-x86-64.so.2 not found") },
                "\(problems)")
    }
}
