import Foundation
import Testing
@testable import Execution
@testable import Model

/// Declared axes with the real compilers: linkers, runtime libraries, a value's expectation that fails,
/// and how many compile steps link-phase and compile-phase axes make.
@Suite(.timeLimit(.minutes(6))) struct AxesEndToEndTests {
    static let compilers = """
        [compilers.gcc]
        cc = "gcc"
        cxx = "g++"
        [compilers.clang]
        cc = "clang-19"
        cxx = "clang++-19"
        [targets.x86_64]
        """

    static func writeFixtures(_ h: Harness) throws {
        try h.write("fixtures/hello.c", "// EXPECT-STDOUT: hello\n#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n")
        try h.write("fixtures/throw.cc", """
            // EXPECT-STDOUT: caught 7
            #include <cstdio>
            #include <stdexcept>
            int main() { try { throw std::runtime_error("7"); } catch (const std::exception &e) { std::printf("caught %s\\n", e.what()); } }
            """)
    }

    /// Whether Debian's lld 19 made a binary, from its .comment ("Linker: Debian LLD 19.1.7"; bfd writes no
    /// linker there, and the Swift toolchain's ld.lld on PATH writes "Linker: LLD 21...").
    static func linkedByLLD(_ path: String) throws -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/readelf")
        p.arguments = ["-p", ".comment", path]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return out.contains("Linker: Debian LLD 19")
    }

    @Test func bfdAndLldOnGccAndClang() async throws {
        try Harness.require(["gcc", "g++", "clang-19", "clang++-19", "ld.bfd", "readelf"])
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/lib/llvm-19/bin/ld.lld"), "needs lld-19")
        let h = try Harness()
        try Self.writeFixtures(h)
        let records = try await h.run(matrix: """
            fixtures = "fixtures"
            link = ["shared-libgcc", "static"]
            [axes.linker]
            phase = "link"
            bfd = { ldflags = ["-fuse-ld=bfd"] }
            lld = { ldflags = ["-fuse-ld=lld", "-B/usr/lib/llvm-19/bin"], features = ["lld"] }
            """ + "\n" + Self.compilers)
        #expect(records.count == 2 * 2 * 2 * 2)
        #expect(records.allSatisfy { $0.status == .pass }, "\(Harness.describe(records))")
        for r in records {
            let program = h.root + "/out/work/\(r.fixture)/\(r.compiler)/x86_64/O2/\(r.link)/\(r.axes?["linker"] ?? "?")/prog"
            #expect(try Self.linkedByLLD(program) == (r.axes?["linker"] == "lld"), "\(r.id): \(program)")
            let link = try #require(r.commands.last { $0.step == .link })
            #expect(link.argv.contains(r.axes?["linker"] == "lld" ? "-fuse-ld=lld" : "-fuse-ld=bfd"))
        }
    }

    /// compiler-rt with libunwind on clang x86_64: the binaries lack libgcc_s.so.1, the C++ one needs
    /// libunwind.so.1, and each record says which expectation replaced the link mode's.
    @Test func rtlibLibgccAndCompilerRtOnClang() async throws {
        try Harness.require(["clang-19", "clang++-19"])
        let h = try Harness()
        try Self.writeFixtures(h)
        let records = try await h.run(matrix: """
            fixtures = "fixtures"
            link = ["shared-libgcc"]
            [axes.rtlib]
            phase = "link"
            libgcc = {}
            [axes.rtlib.compiler-rt]
            flags = ["--rtlib=compiler-rt", "--unwindlib=libunwind"]
            needed_excludes = ["libgcc_s.so.1"]
            cxx_needed_includes = ["libunwind.so.1"]
            provided_by = "libclang-rt-19-dev libunwind-19-dev"
            [compilers.clang]
            cc = "clang-19"
            cxx = "clang++-19"
            [targets.x86_64]
            """)
        #expect(records.map(\.id) == [
            "hello/clang/x86_64/shared-libgcc/O2/libgcc", "hello/clang/x86_64/shared-libgcc/O2/compiler-rt",
            "throw/clang/x86_64/shared-libgcc/O2/libgcc", "throw/clang/x86_64/shared-libgcc/O2/compiler-rt",
        ])
        #expect(records.allSatisfy { $0.status == .pass }, "\(Harness.describe(records))")
        let rt = try #require(records.last)
        #expect(rt.elf?.needed.contains("libunwind.so.1") == true)
        #expect(rt.elf?.needed.contains("libgcc_s.so.1") == false)
        #expect(rt.expectations?.contains(AppliedExpectation(
            expect: "lacks libgcc_s.so.1", from: "rtlib=compiler-rt", overrides: "link=shared-libgcc: needs libgcc_s.so.1")) == true)
        let gccRuntime = try #require(records[2].elf)
        #expect(gccRuntime.needed.contains("libgcc_s.so.1"))
    }

    /// A compiler-rt cell whose binary still needs libgcc_s.so.1 (a wrapper adds it) is a policy failure
    /// naming the value's expectation; the libgcc cell beside it passes.
    @Test func aValuesExpectationThatFailsIsPolicy() async throws {
        try Harness.require(["clang-19"])
        let h = try Harness()
        try h.write("fixtures/hello.c", "// EXPECT-STDOUT: hello\n#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n")
        try h.write("bin/cc", """
            #!/bin/sh
            for a in "$@"; do [ "$a" = -o ] && linking=1; [ "$a" = -c ] && compiling=1; done
            if [ -n "$linking" ] && [ -z "$compiling" ]; then exec clang-19 "$@" -Wl,--no-as-needed -lgcc_s; fi
            exec clang-19 "$@"
            """, executable: true)
        let records = try await h.run(matrix: """
            fixtures = "fixtures"
            link = ["shared-libgcc"]
            [axes.rtlib]
            phase = "link"
            libgcc = {}
            compiler-rt = { flags = ["--rtlib=compiler-rt", "--unwindlib=libunwind"], needed_excludes = ["libgcc_s.so.1"] }
            [compilers.wrapped]
            cc = "\(h.root)/bin/cc"
            [targets.x86_64]
            """)
        #expect(records.map(\.status) == [.pass, .policy], "\(Harness.describe(records))")
        let bad = try #require(records.last)
        #expect(bad.reason?.contains("rtlib=compiler-rt") == true, "\(bad.reason ?? "")")
        #expect(bad.reason?.contains("binary needs libgcc_s.so.1, which rtlib=compiler-rt excludes") == true, "\(bad.reason ?? "")")
        #expect(bad.violations.map(\.check) == ["rtlib=compiler-rt"])
    }

    /// A link-phase axis compiles once per build unit; a compile-phase axis compiles once per value.
    @Test func compileStepsPerUnit() async throws {
        try Harness.require(["gcc"])
        let h = try Harness()
        try h.write("fixtures/hello.c", "// EXPECT-STDOUT: hello\n#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n")
        let base = """
            fixtures = "fixtures"
            link = ["shared-libgcc", "static-libgcc"]
            [compilers.gcc]
            cc = "gcc"
            [targets.x86_64]
            """
        func compiles(_ records: [CellRecord]) -> Int {
            // Every cell of a unit carries the unit's compile steps: count distinct object paths.
            Set(records.flatMap { $0.commands.filter { $0.step == .compile }.compactMap { $0.argv.last } }).count
        }
        let linkPhase = try await h.run(matrix: base + """

            [axes.pie]
            phase = "link"
            pie = { ldflags = ["-pie"] }
            nopie = { ldflags = ["-no-pie"] }
            """, out: "link")
        #expect(linkPhase.count == 4 && linkPhase.allSatisfy { $0.status == .pass }, "\(Harness.describe(linkPhase))")
        #expect(compiles(linkPhase) == 1)
        let compilePhase = try await h.run(matrix: base + """

            [axes.pic]
            phase = "compile"
            pic = { cflags = ["-fPIC"] }
            nopic = { cflags = ["-fno-PIC"], ldflags = ["-no-pie"] }
            """, out: "compile")
        #expect(compilePhase.count == 4 && compilePhase.allSatisfy { $0.status == .pass }, "\(Harness.describe(compilePhase))")
        #expect(compiles(compilePhase) == 2)
        let nopic = try #require(compilePhase.first { $0.axes?["pic"] == "nopic" })
        #expect(nopic.commands.first { $0.step == .compile }?.argv.contains("-fno-PIC") == true)
    }
}
