import Foundation
import Testing

/// The issue's "Resolution under attack": hostile roots and files end with a clear answer, within
/// seconds, exit 1 (a problem found) or 2 (an input unreadable).
@Suite("Resolution under attack", .serialized, .timeLimit(.minutes(4)), .blocking)
struct ResolveAttackTests {
    static let libSource = "int lib_value(void) { return 7; }\n"
    static let progSource = "int lib_value(void);\nint main(void) { return lib_value() - 7; }\n"

    /// `prog` needing `libname` (built in `build/`, no rpath unless given), and a minimal root.
    func programNeeding(_ libname: String, _ tmp: TempDir, flags: [String] = []) throws -> (prog: String, build: URL, root: URL) {
        let build = tmp.url.appendingPathComponent("build")
        try FileManager.default.createDirectory(at: build, withIntermediateDirectories: true)
        try ResolveSupport.library(libname, source: Self.libSource, in: build)
        let prog = try ResolveSupport.program("prog", source: Self.progSource, flags: ["-L.", "-l:\(libname)"] + flags, in: build)
        let root = tmp.url.appendingPathComponent("root")
        try ResolveSupport.minimalRoot(at: root)
        return (prog, build, root)
    }

    /// Runs resolve and checks it ended in time with the exit status wanted.
    func resolve(_ arguments: [String], status: Int32, within seconds: Double = 20) throws -> [[String: Any]] {
        let start = Date()
        let (run, array) = try ResolveSupport.resolveJSON(arguments, timeout: 120)
        let elapsed = Date().timeIntervalSince(start)
        #expect(run.status == status, "exit \(run.status), stderr: \(run.stderr.prefix(500)), stdout: \(run.stdout.prefix(1500))")
        #expect(elapsed < seconds, "took \(elapsed) s")
        return array
    }

    @Test func aSymlinkLoopAtTheLibraryStopsTheSearchWithItsReason() throws {
        let tmp = try TempDir()
        let (prog, _, root) = try programNeeding("libloop.so.1", tmp)
        let lib = root.appendingPathComponent("usr/lib")
        try FileManager.default.createDirectory(at: lib, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: lib.appendingPathComponent("libloop.so.1").path, withDestinationPath: "libloop.so.2")
        try FileManager.default.createSymbolicLink(atPath: lib.appendingPathComponent("libloop.so.2").path, withDestinationPath: "/usr/lib/libloop.so.1")
        let array = try resolve(["--sysroot", root.path, prog], status: 1)
        let problems = ResolveSupport.problems(try #require(array.first))
        #expect(problems.contains { $0.kind == "unloadable_library" && $0.message.contains("libloop.so.1")
            && $0.message.contains("too many levels of symbolic links") }, "\(problems)")
    }

    @Test func aLoopInADirectoryPathOnlyRemovesThatDirectory() throws {
        let tmp = try TempDir()
        let (prog, build, root) = try programNeeding("libdeep.so.1", tmp)
        // /usr/lib64 -> /usr/lib32 -> /usr/lib64, re-rooted: a loop; the library sits further on, in /usr/lib.
        try FileManager.default.createDirectory(at: root.appendingPathComponent("usr"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("usr/lib64").path, withDestinationPath: "/usr/lib32")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("usr/lib32").path, withDestinationPath: "/usr/lib64")
        try ResolveSupport.copy(build.appendingPathComponent("libdeep.so.1").path, into: root, at: "usr/lib/libdeep.so.1")
        let array = try resolve(["--sysroot", root.path, prog], status: 0)
        #expect(ResolveSupport.objects(try #require(array.first))["libdeep.so.1"]?.path == "/usr/lib/libdeep.so.1")
    }

    @Test func anAbsoluteSymlinkStaysInsideTheRoot() throws {
        let tmp = try TempDir()
        let (prog, _, root) = try programNeeding("libx.so.1", tmp)
        let libc = root.appendingPathComponent("lib/x86_64-linux-gnu/libc.so.6")
        try FileManager.default.removeItem(at: libc)
        // The host has this file; the root does not: the link must not reach the host's.
        try FileManager.default.createSymbolicLink(atPath: libc.path, withDestinationPath: "/usr/lib/x86_64-linux-gnu/libc.so.6")
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("lib/x86_64-linux-gnu/libx.so.1").path,
            withDestinationPath: "../../../../../../../../lib/x86_64-linux-gnu/libc.so.6")
        let array = try resolve(["--sysroot", root.path, prog], status: 1)
        let element = try #require(array.first)
        let problems = ResolveSupport.problems(element)
        #expect(problems.contains { $0.kind == "missing_library" && $0.message == "libx.so.1 not found (needed by prog)" }, "\(problems)")
        #expect(problems.contains { $0.kind == "missing_library" && $0.message == "libc.so.6 not found (needed by prog)" }, "\(problems)")
        for o in (element["objects"] as? [[String: Any]]) ?? [] where o["via"] as? String != "input" {
            #expect((o["host_path"] as? String)?.hasPrefix(root.resolvingSymlinksInPath().path) == true, "escaped the root: \(o)")
        }
    }

    @Test func aNeededCycleLoadsEachLibraryOnce() throws {
        let tmp = try TempDir()
        let dir = tmp.url
        // liba.so needs libb.so, which needs liba.so: a stub liba to link libb against, then the real one.
        try ResolveSupport.library("liba.so", source: "int a(void) { return 1; }\n", in: dir)
        try ResolveSupport.library("libb.so", source: "int a(void);\nint b(void) { return a() + 1; }\n",
                                   extra: ["-L.", "-la", "-Wl,-rpath,$ORIGIN"], in: dir)
        try ResolveSupport.library("liba.so", source: "int b(void);\nint a(void) { return 1; }\nint ab(void) { return b(); }\n",
                                   extra: ["-L.", "-lb", "-Wl,-rpath,$ORIGIN"], in: dir)
        let prog = try ResolveSupport.program("prog", source: "int ab(void);\nint main(void) { return ab() - 2; }\n",
                                              flags: ["-L.", "-la", "-Wl,-rpath,$ORIGIN"], in: dir)
        let array = try resolve([prog], status: 0)
        let element = try #require(array.first)
        let objects = (element["objects"] as? [[String: Any]]) ?? []
        #expect(objects.filter { $0["name"] as? String == "liba.so" }.count == 1)
        #expect(objects.filter { $0["name"] as? String == "libb.so" }.count == 1)
        let libb = try #require(objects.first { $0["name"] as? String == "libb.so" })
        #expect((libb["needed"] as? [String])?.contains("liba.so") == true)
        #expect((libb["missing"] as? [String]) == [])
        #expect(ResolveSupport.objects(element)["liba.so"]?.via == "runpath")
        // The real loader agrees on the two.
        let real = try Spawn.check("/lib64/ld-linux-x86-64.so.2", ["--list", prog])
        #expect(real.stdout.contains("liba.so => ") && real.stdout.contains("libb.so => "))
    }

    @Test func tenThousandNeededEntriesEndInSeconds() throws {
        let tmp = try TempDir()
        let names = (0..<10_000).map { "libhostile-\($0).so.1" }
        let path = tmp.path("many-needed")
        try Data(CraftedDynamic.image(interpreter: "/lib64/ld-linux-x86-64.so.2", needed: names)).write(to: URL(fileURLWithPath: path))
        let array = try resolve([path], status: 1, within: 30)
        let element = try #require(array.first)
        let problems = ResolveSupport.problems(element)
        #expect(problems.count == 10_000)
        #expect(problems.first?.message == "libhostile-0.so.1 not found (needed by many-needed)")
        #expect(problems.last?.message == "libhostile-9999.so.1 not found (needed by many-needed)")
        // The text form ends too, and is not quadratic in the indentation.
        let text = try ToolgateBinary.run(["resolve", path], timeout: 60)
        #expect(text.status == 1)
        #expect(text.stdout.split(separator: "\n").count > 20_000)
        #expect(text.stdout.utf8.count < 4_000_000)
    }

    @Test func aForeignMachineLibraryFirstInThePathIsSkippedWithANote() throws {
        let foreignLibc = "/usr/aarch64-linux-gnu/lib/libc.so.6"
        guard FileManager.default.fileExists(atPath: foreignLibc) else {
            Issue.record("\(foreignLibc) is missing: the aarch64 cross toolchain (scripts/install-deps.sh) brings it")
            return
        }
        let tmp = try TempDir()
        let (prog, build, _) = try programNeeding("libx.so.1", tmp, flags: ["-Wl,-rpath,$ORIGIN/first:$ORIGIN"])
        try ResolveSupport.copy(foreignLibc, into: build, at: "first/libc.so.6")
        let array = try resolve([prog], status: 0)
        let element = try #require(array.first)
        #expect(ResolveSupport.notes(element).contains { $0.contains("skipped") && $0.contains("first/libc.so.6") && $0.contains("aarch64, not x86_64") },
                "\(ResolveSupport.notes(element))")
        #expect(ResolveSupport.objects(element)["libc.so.6"].map { URL(fileURLWithPath: $0.path).resolvingSymlinksInPath().path }
                == URL(fileURLWithPath: "/lib/x86_64-linux-gnu/libc.so.6").resolvingSymlinksInPath().path)

        // With nothing else to find, the wrong one is the problem.
        let root = tmp.url.appendingPathComponent("root")
        try ResolveSupport.copy(foreignLibc, into: root, at: "lib/x86_64-linux-gnu/libc.so.6")
        try ResolveSupport.copy(build.appendingPathComponent("libx.so.1").path, into: root, at: "usr/lib/libx.so.1")
        let only = try resolve(["--sysroot", root.path, prog], status: 1)
        let problems = ResolveSupport.problems(try #require(only.first))
        #expect(problems.contains { $0.kind == "wrong_machine" && $0.message.contains("libc.so.6") && $0.message.contains("aarch64") }, "\(problems)")
    }

    @Test func anIncludeLoopInLdSoConfIsBrokenAndTold() throws {
        let tmp = try TempDir()
        let (prog, build, root) = try programNeeding("libconf.so.1", tmp)
        let etc = root.appendingPathComponent("etc")
        try FileManager.default.createDirectory(at: etc.appendingPathComponent("ld.so.conf.d"), withIntermediateDirectories: true)
        try "include /etc/ld.so.conf.d/*.conf\n".write(to: etc.appendingPathComponent("ld.so.conf"), atomically: true, encoding: .utf8)
        try "# a comment\n/opt/conf/lib\ninclude b.conf\n".write(to: etc.appendingPathComponent("ld.so.conf.d/a.conf"), atomically: true, encoding: .utf8)
        try "include a.conf /etc/ld.so.conf\n".write(to: etc.appendingPathComponent("ld.so.conf.d/b.conf"), atomically: true, encoding: .utf8)
        try ResolveSupport.copy(build.appendingPathComponent("libconf.so.1").path, into: root, at: "opt/conf/lib/libconf.so.1")
        let array = try resolve(["--sysroot", root.path, prog], status: 0)
        let element = try #require(array.first)
        #expect(ResolveSupport.objects(element)["libconf.so.1"]?.path == "/opt/conf/lib/libconf.so.1")
        #expect(ResolveSupport.objects(element)["libconf.so.1"]?.via == "ld.so.conf")
        #expect(ResolveSupport.notes(element).contains { $0.contains("include loop") }, "\(ResolveSupport.notes(element))")
    }

    @Test func aNonELFLibraryStopsTheSearch() throws {
        let tmp = try TempDir()
        let (prog, _, root) = try programNeeding("libtext.so.1", tmp)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("usr/lib"), withIntermediateDirectories: true)
        try "this is not a library\n".write(to: root.appendingPathComponent("usr/lib/libtext.so.1"), atomically: true, encoding: .utf8)
        let array = try resolve(["--sysroot", root.path, prog], status: 1)
        let problems = ResolveSupport.problems(try #require(array.first))
        #expect(problems.contains { $0.kind == "unloadable_library" && $0.message.contains("not an ELF file") }, "\(problems)")
    }

    @Test func unreadableInputsExitTwoAndTheRestIsStillAnswered() throws {
        let tmp = try TempDir()
        let text = tmp.path("notes.txt")
        try "plain text\n".write(toFile: text, atomically: true, encoding: .utf8)
        let missing = tmp.path("no-such-file")
        let start = Date()
        let run = try ToolgateBinary.run(["resolve", "--json", missing, text, tmp.url.path, "/bin/true"], timeout: 60)
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(run.status == 2)
        let array = try jsonArray(run.stdout)
        #expect(array.count == 4)
        #expect((array[0]["error"] as? String)?.contains("cannot open") == true)
        #expect((array[1]["error"] as? String)?.contains("not an ELF file") == true)
        #expect((array[2]["error"] as? String)?.contains("not a regular file") == true)
        #expect(array[3]["resolved"] as? Bool == true)
        #expect(run.stderr.contains(missing) && run.stderr.contains(text))
        // A sysroot that is not a directory is an input that cannot be read, too.
        let bad = try ToolgateBinary.run(["resolve", "--sysroot", missing, "/bin/true"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("is not a directory"))
        // A usage mistake is 2, not the argument parser's 64.
        #expect(try ToolgateBinary.run(["resolve"]).status == 2)
    }
}

/// A dynamic ELF64 x86_64 file made from nothing: PT_LOAD over the whole file, PT_INTERP, PT_DYNAMIC
/// with one DT_NEEDED per name and its string table; no section headers (the reader finds the strings
/// through DT_STRTAB and the PT_LOAD mapping).
enum CraftedDynamic {
    static func image(interpreter: String, needed: [String]) -> [UInt8] {
        func le(_ v: UInt64, _ width: Int) -> [UInt8] { (0..<width).map { UInt8(truncatingIfNeeded: v >> (8 * UInt64($0))) } }
        func align8(_ n: Int) -> Int { (n + 7) & ~7 }
        let phoff = 64, phnum = 3
        let interpOffset = phoff + phnum * 56
        let interpBytes = Array(interpreter.utf8) + [0]
        let strOffset = align8(interpOffset + interpBytes.count)
        var strtab: [UInt8] = [0]
        var offsets: [Int] = []
        for n in needed {
            offsets.append(strtab.count)
            strtab += Array(n.utf8) + [0]
        }
        let dynOffset = align8(strOffset + strtab.count)
        var dynamic: [UInt8] = []
        for o in offsets { dynamic += le(1, 8) + le(UInt64(o), 8) }  // DT_NEEDED
        dynamic += le(5, 8) + le(UInt64(strOffset), 8)                   // DT_STRTAB
        dynamic += le(10, 8) + le(UInt64(strtab.count), 8)               // DT_STRSZ
        dynamic += le(0, 16)                                              // DT_NULL
        let total = dynOffset + dynamic.count

        var out: [UInt8] = [0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0] + [UInt8](repeating: 0, count: 8)
        out += le(3, 2) + le(62, 2) + le(1, 4)                 // ET_DYN, EM_X86_64, EV_CURRENT
        out += le(0, 8) + le(UInt64(phoff), 8) + le(0, 8)      // entry, phoff, shoff
        out += le(0, 4) + le(64, 2) + le(56, 2) + le(UInt64(phnum), 2) + le(64, 2) + le(0, 2) + le(0, 2)
        func phdr(_ type: UInt32, _ flags: UInt32, _ offset: Int, _ size: Int, _ align: UInt64) -> [UInt8] {
            le(UInt64(type), 4) + le(UInt64(flags), 4) + le(UInt64(offset), 8) + le(UInt64(offset), 8) + le(UInt64(offset), 8)
                + le(UInt64(size), 8) + le(UInt64(size), 8) + le(align, 8)
        }
        out += phdr(1, 4, 0, total, 0x1000)                    // PT_LOAD, R
        out += phdr(3, 4, interpOffset, interpBytes.count, 1)  // PT_INTERP
        out += phdr(2, 6, dynOffset, dynamic.count, 8)         // PT_DYNAMIC, RW
        out += interpBytes
        out += [UInt8](repeating: 0, count: strOffset - out.count) + strtab
        out += [UInt8](repeating: 0, count: dynOffset - out.count) + dynamic
        return out
    }
}
