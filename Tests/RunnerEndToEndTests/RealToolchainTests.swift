import Foundation
import Testing
@testable import Model

/// gcc and clang-19 for x86_64, i686 and aarch64 (qemu-user), in every link mode, on real programs.
@Suite(.timeLimit(.minutes(5))) struct RealToolchainTests {
    static let tools = [
        "gcc", "g++", "clang-19", "clang++-19", "aarch64-linux-gnu-gcc", "aarch64-linux-gnu-g++", "qemu-aarch64", "prlimit",
    ]

    static let matrix = """
        fixtures = "fixtures"
        timeout = 120
        [compilers.gcc]
        cc = "gcc"
        cxx = "g++"
        [compilers.gcc.targets.aarch64]
        cc = "aarch64-linux-gnu-gcc"
        cxx = "aarch64-linux-gnu-g++"
        [compilers.clang]
        cc = "clang-19"
        cxx = "clang++-19"
        [compilers.clang.targets.aarch64]
        cflags = ["--target=aarch64-linux-gnu"]
        [targets.x86_64]
        [targets.i686]
        cflags = ["-m32"]
        [targets.aarch64]
        runner = ["qemu-aarch64", "-L", "/usr/aarch64-linux-gnu"]
        """

    @Test func everyTargetEveryLinkModeBothCompilers() async throws {
        try Harness.require(Self.tools)
        let h = try Harness()
        // <errno.h> exercises the i686 asm/ workaround; the C++ fixture unwinds through libgcc.
        try h.write("fixtures/hello.c", """
            // EXPECT-STDOUT: hello 22
            #include <errno.h>
            #include <stdio.h>
            int main(void) { printf("hello %d\\n", EINVAL); return 0; }
            """)
        try h.write("fixtures/throw.cc", """
            // EXPECT-STDOUT: caught 7
            // EXPECT-EXIT: 4
            #include <cstdio>
            #include <stdexcept>
            __attribute__((noinline)) void f(int n) { if (n == 0) throw std::runtime_error("7"); f(n - 1); }
            int main() { try { f(3); } catch (const std::exception &e) { std::printf("caught %s\\n", e.what()); } return 4; }
            """)
        try h.write("fixtures/abort.c", "// EXPECT-SIGNAL: SIGABRT\n#include <stdlib.h>\nint main(void) { abort(); }\n")
        try h.write("fixtures/segv.c", "#include <signal.h>\nint main(void) { raise(SIGSEGV); return 0; }\n")
        try h.write("fixtures/wrong.c", "// EXPECT-STDOUT: right\n#include <stdio.h>\nint main(void) { puts(\"wrong\"); return 0; }\n")
        let records = try await h.run(matrix: Self.matrix)
        #expect(records.count == 5 * 2 * 3 * 3)
        let text = Harness.describe(records)
        for r in records where ["hello", "throw", "abort"].contains(r.fixture) {
            #expect(r.status == .pass, "\(r.id): \(r.reason ?? "") \(r.violations)")
            let elf = try #require(r.elf, "\(r.id) has no ELF facts")
            #expect(elf.machine == ["x86_64": "x86_64", "i686": "i386", "aarch64": "aarch64"][r.target])
            #expect(elf.isStatic == (r.link == "static"), "\(r.id)")
        }
        for r in records where r.fixture == "segv" {
            #expect(r.status == .crash && r.signal == "SIGSEGV", "\(r.id)")
        }
        for r in records where r.fixture == "wrong" {
            #expect(r.status == .fail && r.reason == "stdout line 1: expected 'right', got 'wrong'", "\(r.id)")
        }
        let failures = records.filter { $0.status.isFailure }.count
        #expect(failures == 36, "\(text)")
    }
}
