import Foundation
import Testing
@testable import Execution
@testable import Model

/// The cache's pure parts: dependency files as GCC and GNU ld write them, keys, refusals, sizes.
struct DependencyFileTests {
    @Test func gccRuleWithContinuations() {
        let text = "/w/obj/main.c.gcc.o: /src/main.c /usr/include/stdc-predef.h \\\n /usr/include/stdio.h \\\n  word.h\n"
        #expect(DependencyFile.prerequisites(text) == ["/src/main.c", "/usr/include/stdc-predef.h", "/usr/include/stdio.h", "word.h"])
    }

    @Test func ldRuleThenPhonyRulesAndDuplicates() {
        let text = """
            prog: \\
              /usr/lib/x86_64-linux-gnu/crt1.o \\
              a.o \\
              /usr/lib/gcc/x86_64-linux-gnu/12/libgcc_s.so \\
              /usr/lib/gcc/x86_64-linux-gnu/12/libgcc_s.so

            /usr/lib/x86_64-linux-gnu/crt1.o:

            a.o:

            """
        #expect(DependencyFile.prerequisites(text) == ["/usr/lib/x86_64-linux-gnu/crt1.o", "a.o", "/usr/lib/gcc/x86_64-linux-gnu/12/libgcc_s.so"])
    }

    @Test func escapedSpacesHashesAndDollars() {
        let text = "x.o: /src/with\\ space.c /src/a\\#b.h /src/cost$$.h C:\\dir\\x.h\n"
        #expect(DependencyFile.prerequisites(text) == ["/src/with space.c", "/src/a#b.h", "/src/cost$.h", "C:\\dir\\x.h"])
    }

    @Test func noRuleIsNoEvidence() {
        #expect(DependencyFile.prerequisites("") == nil)
        #expect(DependencyFile.prerequisites("garbage without a colon\n") == nil)
        #expect(DependencyFile.prerequisites("x.o:\n") == [])
    }

    @Test func crlfLinesAndNonASCIINames() {
        let text = "x.o: /src/caf\u{e9}.c \\\r\n /src/\u{65e5}\u{672c}\\ dir/h.h\r\n\r\n/src/caf\u{e9}.c:\r\n"
        #expect(DependencyFile.prerequisites(text) == ["/src/caf\u{e9}.c", "/src/\u{65e5}\u{672c} dir/h.h"])
        // A doubled backslash at the end of a line ends the name, not the line.
        #expect(DependencyFile.prerequisites("x.o: a\\\\\nb.o: c\n") == ["a\\\\", "c"])
    }
}

struct CacheKeyTests {
    let paths = WorkPaths(workDir: "/out/work")

    @Test func workDirectoryIsNoPartOfTheKey() {
        let a = CacheKey.base(
            step: .compile, identity: "gcc", argv: ["gcc", "-c", "/src/a.c", "-o", "/out/work/a/obj/a.o"], cwd: "/out/work/a/obj",
            paths: paths, env: [:])
        let b = CacheKey.base(
            step: .compile, identity: "gcc", argv: ["gcc", "-c", "/src/a.c", "-o", "/other/work/a/obj/a.o"], cwd: "/other/work/a/obj",
            paths: WorkPaths(workDir: "/other/work"), env: [:])
        #expect(a == b)
    }

    @Test func debugInfoKeepsTheCompileDirectory() {
        func key(_ work: String) -> String {
            CacheKey.base(
                step: .compile, identity: "gcc", argv: ["gcc", "-g", "-c", "/src/a.c", "-o", "\(work)/a.o"], cwd: work,
                paths: WorkPaths(workDir: work), env: [:])
        }
        #expect(key("/out/work") != key("/other/work"))
        #expect(CacheKey.recordsDirectory(["gcc", "-ggdb3"]))
        #expect(!CacheKey.recordsDirectory(["gcc", "-g0", "-gz=zstd"]))
    }

    @Test func everyInputChangesTheKey() {
        let argv = ["gcc", "-O2", "-c", "/src/a.c", "-o", "/out/work/a.o"]
        let base = CacheKey.base(step: .compile, identity: "gcc 12", argv: argv, cwd: "/out/work", paths: paths, env: [:])
        let variants = [
            CacheKey.base(step: .compile, identity: "gcc 13", argv: argv, cwd: "/out/work", paths: paths, env: [:]),
            CacheKey.base(step: .link, identity: "gcc 12", argv: argv, cwd: "/out/work", paths: paths, env: [:]),
            CacheKey.base(step: .compile, identity: "gcc 12", argv: argv.map { $0 == "-O2" ? "-O3" : $0 }, cwd: "/out/work", paths: paths, env: [:]),
            CacheKey.base(step: .compile, identity: "gcc 12", argv: argv, cwd: "/out/work/x", paths: paths, env: [:]),
            CacheKey.base(step: .compile, identity: "gcc 12", argv: argv, cwd: "/out/work", paths: paths, env: ["CPATH": "/inc"]),
            CacheKey.base(step: .compile, identity: "gcc 12", argv: argv, cwd: "/out/work", paths: paths, env: ["CPATH": ""]),
        ]
        #expect(Set(variants + [base]).count == variants.count + 1)
        // Argument boundaries count: ["-DA", "B"] is not ["-DAB"].
        let split = CacheKey.base(step: .compile, identity: "g", argv: ["gcc", "-DA", "B"], cwd: "/", paths: paths, env: [:])
        let joined = CacheKey.base(step: .compile, identity: "g", argv: ["gcc", "-DAB"], cwd: "/", paths: paths, env: [:])
        #expect(split != joined)
    }

    @Test func resultKeyFollowsDependencyContent() {
        let d1 = CacheManifest.Dependency(path: "/src/a.h", stamp: FileStamp(size: 1, mtime: 1, digest: "aa"))
        var d2 = d1
        d2.stamp.digest = "bb"
        var d3 = d1
        d3.stamp.mtime = 2
        #expect(CacheKey.result(base: "k", dependencies: [d1]) != CacheKey.result(base: "k", dependencies: [d2]))
        // mtime is only a shortcut: the same content elsewhere in time is the same result.
        #expect(CacheKey.result(base: "k", dependencies: [d1]) == CacheKey.result(base: "k", dependencies: [d3]))
    }

    @Test func pathsRoundTrip() {
        #expect(paths.normalize("-idirafter/out/work/i686-include") == "-idirafter@WORK@/i686-include")
        #expect(paths.normalize("/out/workshop/x") == "/out/workshop/x")
        #expect(paths.expand(paths.normalize("/out/work/a/b.o")) == "/out/work/a/b.o")
        #expect(paths.absolute("libx.so", cwd: "/out/work/c") == "/out/work/c/libx.so")
    }
}

struct CacheEligibilityTests {
    @Test(arguments: [
        ["gcc", "@args.rsp"], ["gcc", "-save-temps"], ["gcc", "-fprofile-use=x.gcda"], ["gcc", "-fplugin=p.so"],
        ["gcc", "-MD"], ["gcc", "-MF", "x.d"], ["gcc", "-specs=x.specs"], ["clang", "-Xclang", "-load", "-Xclang", "p.so"],
    ])
    func refused(_ argv: [String]) {
        #expect(CacheEligibility.refusal(.compile, argv: argv) != nil)
    }

    @Test func ordinaryStepsAreCached() {
        #expect(CacheEligibility.refusal(.compile, argv: ["gcc", "-O2", "-march=x86-64-v2", "-c", "a.c", "-o", "a.o"]) == nil)
        #expect(CacheEligibility.refusal(.link, argv: ["gcc", "-static", "a.o", "-o", "prog"]) == nil)
        #expect(CacheEligibility.refusal(.link, argv: ["gcc", "a.o", "-Wl,--dependency-file=x.d"]) != nil)
    }

    @Test func selectingFlagsAreThoseThatPickTools() {
        let argv = ["clang-19", "--target=aarch64-linux-gnu", "-O2", "-m32", "-B", "/opt/bin", "--sysroot=/s", "-fuse-ld=lld", "-c", "a.c"]
        #expect(ToolIdentities.selectingFlags(argv) == ["--target=aarch64-linux-gnu", "-m32", "-B", "/opt/bin", "--sysroot=/s", "-fuse-ld=lld"])
    }
}

struct ByteSizeTests {
    @Test func sizesAsUsersWriteThem() {
        #expect(ByteSize.parse("500M") == 500 << 20)
        #expect(ByteSize.parse("5G") == 5 << 30)
        #expect(ByteSize.parse("5GiB") == 5 << 30)
        #expect(ByteSize.parse("1.5g") == 3 << 29)
        #expect(ByteSize.parse("4096") == 4096)
        for bad in ["", "G", "-1G", "0", "lots", "nanM", "99999999999T"] { #expect(ByteSize.parse(bad) == nil, "\(bad)") }
    }
}

/// The hashes through their C libraries: published test vectors, and a file hashed in pieces equals the
/// bytes hashed at once.
struct ContentHashTests {
    @Test func xxh3Vectors() {
        // xxHash's own test vector for the empty input (XXH3_128bits, seed 0).
        #expect(ContentHasher.hex([]) == "99aa06d3014798d86001c324468d497f")
        #expect(ContentHasher.hex("abc") != ContentHasher.hex("abd"))
        #expect(ContentHasher.hex("abc").count == 32)
    }

    @Test func sha256Vectors() {
        // FIPS 180-2, appendix B.3.
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func fileHashIsTheContentHash() throws {
        let dir = try TempDir()
        let path = dir.path("file")
        // Larger than one 256 KiB read, and not a multiple of it.
        let bytes = (0..<700_001).map { UInt8(truncatingIfNeeded: $0 >> 3) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(ContentHasher.hex(ofFile: path) == ContentHasher.hex(bytes))
        // Data, as the store hashes what it read, hashes as its bytes.
        #expect(ContentHasher.hex(Data(bytes)) == ContentHasher.hex(bytes))
        #expect(ContentHasher.hex(Data(bytes).dropFirst(3)) == ContentHasher.hex(Array(bytes.dropFirst(3))))
        #expect(ContentHasher.hex(ofFile: path + ".missing") == nil)
        // A FIFO with no writer would block an ordinary read for ever.
        let fifo = path + ".fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        #expect(ContentHasher.hex(ofFile: fifo) == nil)
        #expect(ContentHasher.hex(ofFile: "/tmp") == nil)
    }
}

/// The race guard's clock: a file written now is changed since a moment taken before it, and not since
/// a moment after it.
struct RaceGuardClockTests {
    @Test func fileClockOrdersWrites() throws {
        let dir = try TempDir()
        let path = dir.path("file")
        let before = FileDigests.fileClockNow()
        try Data("x".utf8).write(to: URL(fileURLWithPath: path))
        #expect(FileDigests.changed(path, since: before))
        // The coarse clock ticks every few milliseconds: wait out one tick.
        Thread.sleep(forTimeInterval: 0.05)
        #expect(!FileDigests.changed(path, since: FileDigests.fileClockNow()))
        #expect(FileDigests.changed(path + ".missing", since: 0))
    }

    @Test func oldKeyVersionIsAnotherKey() {
        let paths = WorkPaths(workDir: "/out/work")
        let argv = ["gcc", "-c", "a.c", "-o", "a.o"]
        let now = CacheKey.base(step: .compile, identity: "gcc", argv: argv, cwd: "/out/work", paths: paths, env: [:])
        let old = CacheKey.base(step: .compile, identity: "gcc", argv: argv, cwd: "/out/work", paths: paths, env: [:], version: CacheKey.version - 1)
        #expect(now != old)
    }
}

/// The store's checksums: a manifest entry records what was stored, and a restore that reads anything else
/// from any of the three files writes nothing, reports a miss and removes the result.
struct CacheStoreChecksumTests {
    static func step(_ dir: TempDir) throws -> (output: String, stdout: String, stderr: String) {
        let files = (output: dir.path("prog"), stdout: dir.path("prog.stdout"), stderr: dir.path("prog.stderr"))
        try Data((0..<5000).map { UInt8(truncatingIfNeeded: $0 * 7) }).write(to: URL(fileURLWithPath: files.output))
        #expect(chmod(files.output, 0o755) == 0)
        try Data().write(to: URL(fileURLWithPath: files.stdout))
        try Data("warning: x\n".utf8).write(to: URL(fileURLWithPath: files.stderr))
        return files
    }

    @Test func storedSizesAndHashesAreThoseOfTheFiles() throws {
        let dir = try TempDir()
        let s = try Self.step(dir)
        let store = CacheStore(directory: dir.path("cache"))
        let files = try store.storeResult("ab12", output: s.output, stdout: s.stdout, stderr: s.stderr)
        for (stored, path) in [(files.output, s.output), (files.stdout, s.stdout), (files.stderr, s.stderr)] {
            #expect(stored.size == FileDigests.fileStat(path).map { Int($0.size) })
            #expect(stored.digest == ContentHasher.hex(ofFile: path))
        }
        // Restored whole, the program still executable.
        let to = dir.path("restored")
        #expect(store.restoreResult("ab12", expected: files, output: to, stdout: to + ".stdout", stderr: to + ".stderr"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: to)) == Data(contentsOf: URL(fileURLWithPath: s.output)))
        #expect(try Data(contentsOf: URL(fileURLWithPath: to + ".stderr")) == Data("warning: x\n".utf8))
        #expect(FileManager.default.isExecutableFile(atPath: to))
    }

    @Test(arguments: CacheStore.names) func anyDamagedFileIsAMissThatRemovesTheResult(_ name: String) throws {
        let dir = try TempDir()
        let s = try Self.step(dir)
        let store = CacheStore(directory: dir.path("cache"))
        let files = try store.storeResult("cd34", output: s.output, stdout: s.stdout, stderr: s.stderr)
        let damaged = store.resultDir("cd34") + "/" + name
        var bytes = try Data(contentsOf: URL(fileURLWithPath: damaged))
        // Empty stdout cannot be shortened: it grows a byte instead (a stale block a crash left).
        if bytes.isEmpty { bytes = Data([0]) } else { bytes[bytes.count - 1] ^= 0x80 }
        try bytes.write(to: URL(fileURLWithPath: damaged))

        let to = dir.path("restored")
        #expect(!store.restoreResult("cd34", expected: files, output: to, stdout: to + ".stdout", stderr: to + ".stderr"))
        // Nothing written into place (the check comes first), and the result is gone, so a store can put it back.
        for path in [to, to + ".stdout", to + ".stderr"] { #expect(!FileManager.default.fileExists(atPath: path)) }
        #expect(!FileManager.default.fileExists(atPath: store.resultDir("cd34")))
        let again = try store.storeResult("cd34", output: s.output, stdout: s.stdout, stderr: s.stderr)
        #expect(again == files)
        #expect(store.restoreResult("cd34", expected: again, output: to, stdout: to + ".stdout", stderr: to + ".stderr"))
    }

    @Test func aTornManifestReadsAsEmpty() throws {
        let dir = try TempDir()
        let store = CacheStore(directory: dir.path("cache"))
        var manifest = CacheManifest()
        let file = StoredFile(size: 0, digest: ContentHasher.hex([]))
        manifest.add(.init(result: "r", dependencies: [], files: StoredFiles(output: file, stdout: file, stderr: file)))
        try store.writeManifest(manifest, key: "ef56")
        #expect(store.manifest("ef56") == manifest)
        let path = store.manifestPath("ef56")
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        for torn in [Data(), whole.prefix(whole.count / 2), Data(count: whole.count)] {
            try torn.write(to: URL(fileURLWithPath: path))
            #expect(store.manifest("ef56").entries.isEmpty)
        }
    }
}
