import Foundation
import Testing
@testable import Model

/// The reasons of issue 9 §5 on messages the real tools print, produced here once per test: a program
/// whose library was deleted, a version script taken back, an aarch64 root without libgcc_s.so.1 or
/// without its loader, bfd and lld-19 link errors. The parsers are then asked what broke.
@Suite("Reasons", .serialized, .timeLimit(.minutes(3)), .blocking)
struct ReasonsTests {
    /// Runs a built program; the loader's message is on stderr.
    static func stderr(of program: String, _ args: [String] = [], in dir: TempDir) throws -> ProcessOutput {
        try Spawn.run(program, args, in: dir.url, timeout: .seconds(30))
    }

    @Test func aDeletedLibraryIsNamedWithWhoNeededIt() throws {
        let dir = try TempDir()
        try "int foo(void) { return 1; }\n".write(toFile: dir.path("foo.c"), atomically: true, encoding: .utf8)
        try "int foo(void); int bar(void) { return foo(); }\n".write(toFile: dir.path("bar.c"), atomically: true, encoding: .utf8)
        try "int foo(void); int main(void) { return foo() - 1; }\n".write(toFile: dir.path("main.c"), atomically: true, encoding: .utf8)
        try "int bar(void); int main(void) { return bar() - 1; }\n".write(toFile: dir.path("main2.c"), atomically: true, encoding: .utf8)
        try Spawn.check("gcc", ["-shared", "-fPIC", "-Wl,-soname,libfoo.so.1", "foo.c", "-o", "libfoo.so.1"], in: dir.url)
        try Spawn.check("gcc", ["-shared", "-fPIC", "bar.c", "-L.", "-l:libfoo.so.1", "-Wl,-soname,libbar.so", "-o", "libbar.so"], in: dir.url)
        try Spawn.check("gcc", ["main.c", "-L.", "-l:libfoo.so.1", "-Wl,-rpath,$ORIGIN", "-o", "prog"], in: dir.url)
        try Spawn.check("gcc", ["main2.c", "-L.", "-lbar", "-Wl,-rpath,$ORIGIN", "-Wl,-rpath-link,.", "-o", "prog2"], in: dir.url)
        #expect(try Self.stderr(of: dir.path("prog"), in: dir).status == 0)
        try FileManager.default.removeItem(atPath: dir.path("libfoo.so.1"))

        let direct = try Self.stderr(of: dir.path("prog"), in: dir)
        #expect(direct.status == 127)
        #expect(direct.stderr.contains("error while loading shared libraries: libfoo.so.1: cannot open shared object file"))
        #expect(LoaderReason.reason(stderr: direct.stderr, needed: ["libfoo.so.1", "libc.so.6"]) == "libfoo.so.1 not found (needed by prog)")
        #expect(LoaderReason.reason(stderr: direct.stderr) == "libfoo.so.1 not found (needed by prog)")

        // glibc names the program even when the DT_NEEDED that failed is libbar.so's: the program's own list tells.
        let indirect = try Self.stderr(of: dir.path("prog2"), in: dir)
        #expect(indirect.status == 127)
        #expect(LoaderReason.reason(stderr: indirect.stderr, needed: ["libbar.so", "libc.so.6"])
            == "libfoo.so.1 not found (needed by a library prog2 loads, not by prog2 itself)")
    }

    @Test func aMissingVersionAndAMissingVersionedSymbol() throws {
        let dir = try TempDir()
        try "LIBX_1.0 { global: foo; local: *; };\nLIBX_2.0 { global: foo2; } LIBX_1.0;\n".write(toFile: dir.path("v2.map"), atomically: true, encoding: .utf8)
        try "LIBX_1.0 { global: foo; local: *; };\n".write(toFile: dir.path("v1.map"), atomically: true, encoding: .utf8)
        try "LIBX_1.0 { global: foo; local: *; };\nLIBX_2.0 { global: foo3; } LIBX_1.0;\n".write(toFile: dir.path("v3.map"), atomically: true, encoding: .utf8)
        try "int foo(void) { return 1; } int foo2(void) { return 2; } int foo3(void) { return 3; }\n"
            .write(toFile: dir.path("x.c"), atomically: true, encoding: .utf8)
        try "int foo2(void); int main(void) { return foo2() - 2; }\n".write(toFile: dir.path("main.c"), atomically: true, encoding: .utf8)
        func library(_ map: String) throws {
            try Spawn.check("gcc", ["-shared", "-fPIC", "-Wl,--version-script=\(map)", "-Wl,-soname,libx.so", "x.c", "-o", "libx.so"], in: dir.url)
        }
        try library("v2.map")
        try Spawn.check("gcc", ["main.c", "-L.", "-lx", "-Wl,-rpath,$ORIGIN", "-o", "prog"], in: dir.url)
        #expect(try Self.stderr(of: dir.path("prog"), in: dir).status == 0)

        try library("v1.map")
        let version = try Self.stderr(of: dir.path("prog"), in: dir)
        #expect(version.status != 0)
        #expect(version.stderr.contains("version `LIBX_2.0' not found (required by \(dir.path("prog")))"))
        #expect(LoaderReason.reason(stderr: version.stderr, needed: ["libx.so", "libc.so.6"])
            == "version `LIBX_2.0' not found in \(dir.path("libx.so")) (required by \(dir.path("prog")))")

        try library("v3.map")
        let symbol = try Self.stderr(of: dir.path("prog"), in: dir)
        #expect(symbol.status != 0)
        #expect(LoaderReason.reason(stderr: symbol.stderr) == "undefined symbol foo2, version LIBX_2.0 (symbol lookup error in \(dir.path("prog")))")
    }

    /// An aarch64 root of the cross libc with only the loader and libc.so.6: glibc's pthread_cancel cannot
    /// dlopen libgcc_s.so.1 (the host's copies are x86, wrong class); an empty root has no loader at all.
    @Test func anAArch64RootWithoutLibgccOrWithoutItsLoader() throws {
        let dir = try TempDir()
        let cross = "/usr/aarch64-linux-gnu/lib"
        try FileManager.default.createDirectory(atPath: dir.path("root/lib"), withIntermediateDirectories: true)
        for file in ["ld-linux-aarch64.so.1", "libc.so.6"] {
            try FileManager.default.copyItem(atPath: "\(cross)/\(file)", toPath: dir.path("root/lib/\(file)"))
        }
        try FileManager.default.createDirectory(atPath: dir.path("empty"), withIntermediateDirectories: true)
        let source = """
            #include <pthread.h>
            #include <unistd.h>
            static void *sleeper(void *arg) { (void)arg; for (;;) pause(); return 0; }
            int main(void) { pthread_t t; pthread_create(&t, 0, sleeper, 0); pthread_cancel(t); pthread_join(t, 0); return 0; }
            """
        try source.write(toFile: dir.path("cancel.c"), atomically: true, encoding: .utf8)
        try Spawn.check("aarch64-linux-gnu-gcc", ["-O2", "-pthread", "cancel.c", "-o", "cancel"], in: dir.url)
        #expect(try Spawn.run("qemu-aarch64", ["-L", "/usr/aarch64-linux-gnu", "./cancel"], in: dir.url, timeout: .seconds(30)).status == 0)

        let cancel = try Spawn.run("qemu-aarch64", ["-L", dir.path("root"), "./cancel"], in: dir.url, timeout: .seconds(30))
        #expect(cancel.stderr.contains("libgcc_s.so.1 must be installed for pthread_cancel to work"), "\(cancel.stderr)")
        #expect(LoaderReason.reason(stderr: cancel.stderr, needed: ["libc.so.6"])
            == "libgcc_s.so.1 not found: glibc dlopens it for pthread_cancel (\"libgcc_s.so.1 must be installed for pthread_cancel to work\")")

        let noLoader = try Spawn.run("qemu-aarch64", ["-L", dir.path("empty"), "./cancel"], in: dir.url, timeout: .seconds(30))
        #expect(noLoader.status != 0)
        #expect(noLoader.stderr.contains("Could not open '/lib/ld-linux-aarch64.so.1'"), "\(noLoader.stderr)")
        #expect(LoaderReason.reason(stderr: noLoader.stderr, sysroot: dir.path("empty"))
            == "interpreter /lib/ld-linux-aarch64.so.1 not found in the -L root \(dir.path("empty")): qemu could not open it (No such file or directory)")
    }

    @Test func theLinkersFirstRealErrorLine() throws {
        let dir = try TempDir()
        try "int foo(void); int main(void) { return foo(); }\n".write(toFile: dir.path("main.c"), atomically: true, encoding: .utf8)
        try "int main(void) { return missing; }\n".write(toFile: dir.path("broken.c"), atomically: true, encoding: .utf8)
        // LC_ALL=C as toolgate's steps run: gcc quotes with ' then, not with ‘ ’.
        func failing(_ tool: String, _ args: [String]) throws -> String {
            let out = try Spawn.run("env", ["LC_ALL=C", tool] + args, in: dir.url)
            #expect(out.status != 0, "\(out.commandLine) succeeded")
            return out.stderr
        }
        let bfd = try failing("gcc", ["main.c", "-o", "prog"])
        #expect(bfd.contains("collect2: error: ld returned 1 exit status"))
        let bfdLine = try #require(ToolErrorLine.first(in: bfd))
        #expect(bfdLine.hasPrefix("main.c:(.text"), "\(bfdLine)")
        #expect(bfdLine.hasSuffix("undefined reference to `foo' (in function `main')"), "\(bfdLine)")

        let lld = try failing("clang-19", ["-fuse-ld=lld", "main.c", "-o", "prog"])
        #expect(lld.contains("linker command failed with exit code 1"))
        #expect(ToolErrorLine.first(in: lld) == "ld.lld: error: undefined symbol: foo (referenced by main.c)")

        let bfdLib = try failing("gcc", ["main.c", "-lbar", "-o", "prog"])
        #expect(ToolErrorLine.first(in: bfdLib) == "ld: cannot find -lbar: No such file or directory")
        let lldLib = try failing("clang-19", ["-fuse-ld=lld", "main.c", "-lbar", "-o", "prog"])
        #expect(ToolErrorLine.first(in: lldLib) == "ld.lld: error: unable to find library -lbar")

        let compile = try failing("gcc", ["-c", "broken.c", "-o", "broken.o"])
        #expect(ToolErrorLine.first(in: compile) == "broken.c:1:25: error: 'missing' undeclared (first use in this function)")
        let clangCompile = try failing("clang-19", ["-c", "broken.c", "-o", "broken.o"])
        #expect(ToolErrorLine.first(in: clangCompile) == "broken.c:1:25: error: use of undeclared identifier 'missing'")
    }

    @Test func stderrWithoutAMessageGivesNoReason() {
        #expect(LoaderReason.reason(stderr: "") == nil)
        #expect(LoaderReason.reason(stderr: "error: the test's own message\n") == nil)
        #expect(ToolErrorLine.first(in: "") == nil)
        #expect(ToolErrorLine.first(in: "just a line\n") == "just a line")
    }
}

extension ReasonsTests {
    @Test func qemuRefusingACpuModel() throws {
        let dir = try TempDir()
        try "int main(void) { return 0; }\n".write(toFile: dir.path("m.c"), atomically: true, encoding: .utf8)
        try Spawn.check("aarch64-linux-gnu-gcc", ["m.c", "-o", "prog"], in: dir.url)
        let out = try Spawn.run("qemu-aarch64", ["-cpu", "cortex-a27", "-L", "/usr/aarch64-linux-gnu", "./prog"], in: dir.url, timeout: .seconds(30))
        #expect(out.status != 0)
        #expect(LoaderReason.reason(stderr: out.stderr) == "qemu-aarch64 does not know cpu 'cortex-a27' (qemu-aarch64 -cpu help lists the names)")
    }
}

extension ReasonsTests {
    /// Through `toolgate run`: a link error's reason is the linker's line, for bfd (gcc) and lld (clang-19).
    @Test func aLinkErrorCellNamesTheUndefinedReference() throws {
        for tool in ["gcc", "clang-19", "ld.lld-19", "prlimit"] { _ = try Spawn.require(tool) }
        let dir = try TempDir()
        try FileManager.default.createDirectory(atPath: dir.path("fixtures"), withIntermediateDirectories: true)
        try "int nowhere(void);\nint main(void) { return nowhere(); }\n".write(toFile: dir.path("fixtures/undef.c"), atomically: true, encoding: .utf8)
        let matrix = """
            fixtures = "fixtures"
            link = ["shared-libgcc"]
            timeout = 60
            [compilers.gcc]
            cc = "gcc"
            [compilers.clang]
            cc = "clang-19"
            ldflags = ["-fuse-ld=lld"]
            [targets.x86_64]

            """
        try matrix.write(toFile: dir.path("m.toml"), atomically: true, encoding: .utf8)
        let r = try ToolgateBinary.run(["run", dir.path("m.toml"), "--out", dir.path("out"), "--no-cache"])
        #expect(r.status == 1)
        let data = try Data(contentsOf: URL(fileURLWithPath: dir.path("out/report.json")))
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cells = try #require(report["cells"] as? [[String: Any]])
        let reasons = Dictionary(uniqueKeysWithValues: cells.map { (($0["compiler"] as? String) ?? "", ($0["reason"] as? String) ?? "") })
        #expect(cells.allSatisfy { $0["status"] as? String == "link-error" })
        let gcc = reasons["gcc"] ?? ""
        #expect(gcc.hasPrefix("gcc exited 1: "), "\(gcc)")
        #expect(gcc.hasSuffix("undefined reference to `nowhere' (in function `main')"), "\(gcc)")
        #expect(reasons["clang"] == "clang-19 exited 1: ld.lld: error: undefined symbol: nowhere (referenced by undef.c)")
    }
}

extension ReasonsTests {
    /// Through `toolgate run`: a program linked against a library the loader cannot find at run time
    /// (linked with -L, no rpath) fails with the library named, not "expected exit 0, got 127".
    @Test func aRunWithoutItsLibraryNamesIt() throws {
        for tool in ["gcc", "prlimit"] { _ = try Spawn.require(tool) }
        let dir = try TempDir()
        try FileManager.default.createDirectory(atPath: dir.path("fixtures"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir.path("lib"), withIntermediateDirectories: true)
        try "int foo(void) { return 0; }\n".write(toFile: dir.path("foo.c"), atomically: true, encoding: .utf8)
        try Spawn.check("gcc", ["-shared", "-fPIC", "-Wl,-soname,libfoo.so.1", "foo.c", "-o", dir.path("lib/libfoo.so")], in: dir.url)
        try "// LIBS: -lfoo\nint foo(void);\nint main(void) { return foo(); }\n"
            .write(toFile: dir.path("fixtures/usefoo.c"), atomically: true, encoding: .utf8)
        let matrix = """
            fixtures = "fixtures"
            link = ["shared-libgcc"]
            timeout = 30
            ldflags = ["-L\(dir.path("lib"))"]
            [compilers.gcc]
            cc = "gcc"
            [targets.x86_64]

            """
        try matrix.write(toFile: dir.path("m.toml"), atomically: true, encoding: .utf8)
        let r = try ToolgateBinary.run(["run", dir.path("m.toml"), "--out", dir.path("out"), "--no-cache"])
        #expect(r.status == 1)
        let data = try Data(contentsOf: URL(fileURLWithPath: dir.path("out/report.json")))
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cell = try #require((report["cells"] as? [[String: Any]])?.first)
        #expect(cell["status"] as? String == "fail")
        #expect(cell["exit_code"] as? Int == 127)
        #expect(cell["reason"] as? String == "libfoo.so.1 not found (needed by prog)")
    }
}

extension ReasonsTests {
    /// What the parser does with forms this glibc does not print but others may: believed as said.
    @Test func aLoaderThatSaysWhoNeededItIsBelieved() {
        let said = "./prog: error while loading shared libraries: libfoo.so.1: cannot open shared object file: No such file or directory (needed by libbar.so)"
        #expect(LoaderReason.reason(stderr: said, needed: ["libbar.so"]) == "libfoo.so.1 not found (needed by libbar.so)")
        let wrongClass = "./prog: error while loading shared libraries: libfoo.so.1: wrong ELF class: ELFCLASS32"
        #expect(LoaderReason.reason(stderr: wrongClass, needed: ["libfoo.so.1"]) == "libfoo.so.1: wrong ELF class: ELFCLASS32 (needed by prog)")
    }
}
