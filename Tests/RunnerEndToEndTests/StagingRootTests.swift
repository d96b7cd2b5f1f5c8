import Foundation
import Testing
@testable import Model

/// A real staging root from Debian's packages: the default fixtures run sealed against it and pass; roots
/// with libgcc_s.so.1 or libc.so.6 taken out fail, and nothing falls back to the host's copy.
@Suite(.serialized, .timeLimit(.minutes(15)), .blocking) struct StagingRootTests {
    static let tools = ["gcc", "g++", "clang-19", "clang++-19", "bwrap", "prlimit", "apt-get", "dpkg-deb"]

    func expectSealed(_ records: [CellRecord], root: String) {
        for r in records where r.status != .unsupported {
            #expect(r.sandbox == "bwrap", "\(r.id): sandbox \(r.sandbox ?? "nil")")
            for o in r.loaded ?? [] {
                #expect(o.path.map { $0.hasPrefix(root + "/") || $0.contains("/work/") } ?? true, "\(r.id): \(o.name) from \(o.path ?? "")")
            }
        }
    }

    @Test func defaultFixturesPassSealedInTheStagedRootOnX86_64() async throws {
        try Harness.require(Self.tools)
        let root = try StagingRoot.make()
        let h = try Harness()
        let records = try await h.run(matrix: """
            fixtures = "\(StagingRoot.repo)/fixtures"
            sandbox = "bwrap"
            [compilers.gcc]
            cc = "gcc"
            [compilers.clang]
            cc = "clang-19"
            [targets.x86_64]
            sysroot = "\(root)"
            """)
        #expect(records.count > 90)
        #expect(records.allSatisfy { $0.status == .pass || $0.status == .unsupported }, "\(Harness.describe(records.filter { $0.status != .pass }))")
        expectSealed(records, root: root)
        let link = try #require(records.first { $0.id == "hello/gcc/x86_64/shared-libgcc/O2" }?.commands.first { $0.step == .link })
        #expect(link.argv.contains("--sysroot=\(root)"), "\(link.argv)")
        let cancel = try #require(records.first { $0.id == "pthread-cancel/gcc/x86_64/static-libgcc/O2" })
        #expect(cancel.loaded?.contains { $0.name == "libgcc_s.so.1" && $0.via == .dlopen && $0.path?.hasPrefix(root) == true } == true,
                "\(cancel.loaded ?? [])")
    }

    @Test func i686AndAarch64RunSealedInTheStagedRoot() async throws {
        try Harness.require(Self.tools + ["aarch64-linux-gnu-gcc", "aarch64-linux-gnu-g++", "qemu-aarch64"])
        let root = try StagingRoot.make()
        let h = try Harness()
        try StagingRoot.copyFixtures(["hello.c", "pthread-cancel.c", "exceptions.cc", "tls-dlopen"], into: h)
        let records = try await h.run(matrix: """
            fixtures = "fixtures"
            sandbox = "bwrap"
            [compilers.gcc]
            cc = "gcc"
            [compilers.gcc.targets.aarch64]
            cc = "aarch64-linux-gnu-gcc"
            cxx = "aarch64-linux-gnu-g++"
            [targets.i686]
            cflags = ["-m32"]
            sysroot = "\(root)"
            [targets.aarch64]
            runner = ["qemu-aarch64"]
            sysroot = "\(root)/usr/aarch64-linux-gnu"
            """)
        #expect(records.allSatisfy { $0.status == .pass || $0.status == .unsupported }, "\(Harness.describe(records.filter { $0.status != .pass }))")
        expectSealed(records.filter { $0.target == "i686" }, root: root)
        expectSealed(records.filter { $0.target == "aarch64" }, root: root + "/usr/aarch64-linux-gnu")
        let run = try #require(records.first { $0.id == "hello/gcc/aarch64/shared-libgcc/O2" }?.commands.last)
        #expect(run.argv.contains("--unshare-pid") && run.argv.contains("qemu-aarch64") == false, "the runner runs from /.toolgate/host: \(run.argv)")
    }

    /// Built against the whole root (`--sysroot` in the flags wins over the key), run against the mutant.
    func runMutant(removing names: [String], fixtures: [String], links: String) async throws -> (records: [CellRecord], mutant: String) {
        try Harness.require(Self.tools)
        let root = try StagingRoot.make()
        let h = try Harness()
        let mutant = h.root + "/mutant"
        try StagingRoot.mutant(of: root, at: mutant, removing: names)
        try StagingRoot.copyFixtures(fixtures, into: h)
        let records = try await h.run(matrix: """
            fixtures = "fixtures"
            sandbox = "bwrap"
            link = \(links)
            cflags = ["--sysroot=\(root)"]
            ldflags = ["--sysroot=\(root)"]
            [compilers.gcc]
            cc = "gcc"
            [compilers.clang]
            cc = "clang-19"
            [targets.x86_64]
            sysroot = "\(mutant)"
            """)
        return (records, mutant)
    }

    @Test func withoutLibgccTheCancelAndExceptionCellsFailNamingIt() async throws {
        let (records, mutant) = try await runMutant(
            removing: ["libgcc_s.so.1"], fixtures: ["pthread-cancel.c", "exceptions.cc", "hello.c"], links: #"["shared-libgcc", "static-libgcc"]"#)
        // exceptions with -static-libgcc still needs it: libstdc++.so.6 has it in DT_NEEDED.
        let needy = records.filter { $0.fixture != "hello" }
        #expect(needy.count == 8)
        for r in needy {
            #expect(r.status.isFailure, "\(r.id): \(r.status) \(r.reason ?? "")")
            #expect(r.reason?.contains("libgcc_s.so.1") == true, "\(r.id): \(r.reason ?? "")")
            #expect(r.loaded?.contains { $0.name == "libgcc_s.so.1" && $0.path == nil } == true, "\(r.id): \(r.loaded ?? [])")
        }
        for r in records where r.status == .pass {
            #expect(r.loaded?.contains { $0.name == "libgcc_s.so.1" } != true || r.loaded?.allSatisfy { $0.path?.hasPrefix(mutant) ?? true } == true,
                    "\(r.id) passed with \(r.loaded ?? [])")
        }
    }

    @Test func withoutLibcEveryDynamicCellFails() async throws {
        let (records, _) = try await runMutant(
            removing: ["libc.so.6"], fixtures: ["hello.c", "hello-cxx.cc", "tls.c"], links: #"["shared-libgcc", "static-libgcc", "static"]"#)
        #expect(records.count == 18)
        for r in records {
            if r.link == "static" {
                #expect(r.status == .pass, "\(r.id): \(r.status) \(r.reason ?? "")")
            } else {
                #expect(r.status.isFailure, "\(r.id): \(r.status) \(r.reason ?? "")")
            }
        }
    }
}

/// Unsealed, a sysroot run starts through the sysroot's own loader, which still reads the host's
/// /etc/ld.so.cache: what the sysroot lacks comes from the host, and that is a `policy` failure.
@Suite(.timeLimit(.minutes(10)), .blocking) struct HostLeakTests {
    @Test func unsealedFallbackToTheHostsLibgccIsAHostLeak() async throws {
        try Harness.require(StagingRootTests.tools)
        let root = try StagingRoot.make()
        let h = try Harness()
        let mutant = h.root + "/mutant"
        try StagingRoot.mutant(of: root, at: mutant, removing: ["libgcc_s.so.1"])
        try StagingRoot.copyFixtures(["pthread-cancel.c", "hello.c"], into: h)
        let records = try await h.run(matrix: """
            fixtures = "fixtures"
            sandbox = "none"
            link = ["static-libgcc"]
            cflags = ["--sysroot=\(root)"]
            [compilers.gcc]
            cc = "gcc"
            [targets.x86_64]
            sysroot = "\(mutant)"
            """)
        let cancel = try #require(records.first { $0.fixture == "pthread-cancel" })
        #expect(cancel.sandbox == "none")
        #expect(cancel.status == .policy, "\(cancel.status) \(cancel.reason ?? "")")
        #expect(cancel.reason?.hasPrefix("host leak: libgcc_s.so.1 from /") == true, "\(cancel.reason ?? "")")
        let hello = try #require(records.first { $0.fixture == "hello" })
        #expect(hello.status == .pass, "\(hello.status) \(hello.reason ?? "")")
        #expect(hello.loaded?.allSatisfy { $0.path?.hasPrefix(mutant + "/") == true } == true, "\(hello.loaded ?? [])")
    }
}

/// A Serpent-style root: everything in /usr/lib, `lib -> usr/lib` and `lib64 -> usr/lib` at the top
/// (docs/sysroot.md). Made from the staged Debian root's files; programs are built against the Debian
/// root and run sealed in this one, where the sandbox must make the top-level symlinks again.
@Suite(.timeLimit(.minutes(10))) struct SerpentStyleRootTests {
    static func makeSerpentRoot(from root: String, at dir: String) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/usr/lib", withIntermediateDirectories: true)
        for source in [root + "/lib/x86_64-linux-gnu", root + "/usr/lib/x86_64-linux-gnu"] {
            for name in try fm.contentsOfDirectory(atPath: source) where !fm.fileExists(atPath: dir + "/usr/lib/" + name) {
                let path = source + "/" + name
                if let target = try? fm.destinationOfSymbolicLink(atPath: path) {
                    try fm.createSymbolicLink(atPath: dir + "/usr/lib/" + name, withDestinationPath: target)
                } else if !((try? fm.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeDirectory) {
                    try fm.linkItem(atPath: path, toPath: dir + "/usr/lib/" + name)
                }
            }
        }
        try fm.createSymbolicLink(atPath: dir + "/lib", withDestinationPath: "usr/lib")
        try fm.createSymbolicLink(atPath: dir + "/lib64", withDestinationPath: "usr/lib")
    }

    @Test func programsRunSealedInAUsrLibRoot() async throws {
        try Harness.require(StagingRootTests.tools)
        let root = try StagingRoot.make()
        let h = try Harness()
        let serpent = h.root + "/serpent"
        try Self.makeSerpentRoot(from: root, at: serpent)
        try StagingRoot.copyFixtures(["hello.c", "pthread-cancel.c", "exceptions.cc"], into: h)
        let records = try await h.run(matrix: """
            fixtures = "fixtures"
            sandbox = "bwrap"
            link = ["shared-libgcc", "static-libgcc"]
            cflags = ["--sysroot=\(root)"]
            [compilers.gcc]
            cc = "gcc"
            [compilers.clang]
            cc = "clang-19"
            [targets.x86_64]
            sysroot = "\(serpent)"
            """)
        #expect(records.count == 12)
        #expect(records.allSatisfy { $0.status == .pass }, "\(Harness.describe(records.filter { $0.status != .pass }))")
        for r in records {
            let libc = r.loaded?.first { $0.name == "libc.so.6" }
            #expect(libc?.path?.hasPrefix(serpent + "/") == true, "\(r.id): \(r.loaded ?? [])")
        }
        let run = try #require(records.first?.commands.last?.argv)
        #expect(run.contains("--symlink") && run.contains("/lib64"), "\(run)")
    }
}
