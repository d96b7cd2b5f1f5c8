import Testing
@testable import Model

@Suite struct AnnotationParserTests {
    @Test func everyKeyword() {
        let text = """
            // EXPECT-STDOUT: hello world
            //EXPECT-STDOUT:
            // EXPECT-STDOUT[aarch64,riscv64]: unsigned
            /* EXPECT-EXIT: 3 */
            // EXPECT-SIGNAL: abrt
            // EXPECT-STDERR-CONTAINS: stack smashing detected
            // REQUIRES: c++ int128 threads
            // REQUIRES: target=x86_64,aarch64 link=static compiler=gcc
            // UNSUPPORTED: target=i686 compiler=clang
            // UNSUPPORTED: opt=O0
            // CFLAGS: -DX="a b" -O1
            // CXXFLAGS: -fno-rtti
            // LDFLAGS: -Wl,-z,now
            // LIBS: -ldl -lm
            // ELF-NEEDED: libstdc++.so.6
            // ELF-NOT-NEEDED[aarch64]: libgcc_s.so.1
            // ELF-INTERP[x86_64]: /lib64/ld-linux-x86-64.so.2
            // ELF-STATIC: no
            // TODO: not an annotation
            int main(void) { return 3; } // EXPECT-STDOUT: trailing
            """
        let (a, _) = AnnotationParser.parse([("t.c", text)])
        #expect(a.errors == [])
        #expect(a.expectedStdout == ["hello world", "", "trailing"])
        #expect(a.expectedStdout(target: "aarch64") == ["unsigned"])
        #expect(a.expectedStdout(target: "x86_64") == ["hello world", "", "trailing"])
        #expect(a.expectedExit == 3)
        #expect(a.expectedSignal == "SIGABRT")
        #expect(a.expectedStderr == ["stack smashing detected"])
        #expect(a.requirements == [.cxx, .int128, .threads, .targets(["x86_64", "aarch64"]), .links(["static"]), .compilers(["gcc"])])
        #expect(a.unsupported == [
            [Condition(axis: .target, values: ["i686"]), Condition(axis: .compiler, values: ["clang"])],
            [Condition(axis: .opt, values: ["O0"])],
        ])
        #expect(a.cflags == ["-DX=a b", "-O1"])
        #expect(a.cxxflags == ["-fno-rtti"])
        #expect(a.ldflags == ["-Wl,-z,now"])
        #expect(a.libs == ["-ldl", "-lm"])
        #expect(a.elf == [
            ELFExpectation(kind: .needed, value: "libstdc++.so.6", targets: nil),
            ELFExpectation(kind: .notNeeded, value: "libgcc_s.so.1", targets: ["aarch64"]),
            ELFExpectation(kind: .interpreter, value: "/lib64/ld-linux-x86-64.so.2", targets: ["x86_64"]),
            ELFExpectation(kind: .isStatic, value: "no", targets: nil),
        ])
    }

    @Test func perSourceKeywordsAndMainDecidesExpectations() {
        let (a, facts) = AnnotationParser.parse(
            [("lib.c", "// SHARED-LIBRARY: tls dlopen\n// EXPECT-STDOUT: ignored\n"),
             ("callee.c", "// BUILD-WITH: gcc\n"),
             ("main.c", "// EXPECT-STDOUT: from main\n// LIBS: -ldl\n")],
            expectationsFrom: ["main.c"])
        #expect(a.expectedStdout == ["from main"])
        #expect(a.libs == ["-ldl"])
        #expect(facts["lib.c"]?.sharedLibrary == FixtureSource.SharedLibrary(name: "tls", dlopen: true))
        #expect(facts["callee.c"]?.buildWith == "gcc")
    }

    @Test func typosAreErrorsWithTheNearestKeyword() {
        let (a, _) = AnnotationParser.parse([("t.c", "// EXPECT-STDOUTT: x\n// EXPECT-EXIT: lots\n// REQUIRES: thread\n// REQUIRES: a/b\n")])
        #expect(a.errors == [
            "t.c:1: error: unknown annotation 'EXPECT-STDOUTT'; did you mean 'EXPECT-STDOUT'?",
            "t.c:2: error: EXPECT-EXIT needs a number from 0 to 255, found 'lots'",
            "t.c:3: error: unknown requirement 'thread'; did you mean 'threads'?",
            "t.c:4: error: unknown requirement 'a/b'; expected c++, int128, threads, AXIS=VALUE or a feature name",
        ])
    }

    /// A bare word is a feature an axis value provides; `NAME=V` may name any axis (docs/matrix.md "Axes").
    @Test func featuresAndDeclaredAxes() {
        let (a, _) = AnnotationParser.parse([("t.c", "// REQUIRES: libunwind rtlib=compiler-rt\n// UNSUPPORTED: lld target=i686\n// UNSUPPORTED: linker=mold\n")])
        #expect(a.errors == [])
        #expect(a.requirements == [.feature("libunwind"), .axisValues("rtlib", ["compiler-rt"])])
        #expect(a.unsupported == [
            [Condition(name: "feature", values: ["lld"]), Condition(axis: .target, values: ["i686"])],
            [Condition(name: "linker", values: ["mold"])],
        ])
    }

    @Test func shellWords() {
        #expect(ShellWords.split(#"a 'b c' "d \"e\"" f\ g"#) == ["a", "b c", #"d "e""#, "f g"])
        #expect(ShellWords.join(["gcc", "-DX=a b", "it's", "-Wl,-rpath,$ORIGIN"]) == #"gcc '-DX=a b' 'it'\''s' '-Wl,-rpath,$ORIGIN'"#)
    }

    @Test func stdoutComparison() {
        #expect(RunVerdict.stdoutDifference(expected: ["a", "b"], actual: "a\nb\n") == nil)
        #expect(RunVerdict.stdoutDifference(expected: ["a", "b"], actual: "a\nb") == nil)
        #expect(RunVerdict.stdoutDifference(expected: ["a", "b"], actual: "a\nc\n") == "stdout line 2: expected 'b', got 'c'")
        #expect(RunVerdict.stdoutDifference(expected: ["a"], actual: "a\nmore\n") == "stdout line 2: expected end of output, got 'more'")
        #expect(RunVerdict.stdoutDifference(expected: [], actual: "") == nil)
    }

    @Test func sha256() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
