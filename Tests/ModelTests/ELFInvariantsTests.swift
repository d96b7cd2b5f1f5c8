import ELFFacts
import Testing
@testable import Model

@Suite struct ELFInvariantsTests {
    let x86 = TargetSpec(name: "x86_64", machine: "x86_64", elfClass: 64, loader: "/lib64/ld-linux-x86-64.so.2")
    let aarch64 = TargetSpec(name: "aarch64", machine: "aarch64", elfClass: 64, loader: "/lib/ld-linux-aarch64.so.1")

    func cell(_ link: LinkMode, cxx: Bool = false, target: TargetSpec? = nil, annotations: String = "") -> Cell {
        let file = cxx ? "t.cc" : "t.c"
        let (a, _) = AnnotationParser.parse([(file, annotations)])
        let fixture = Fixture(name: "t", path: "/t", isDirectory: false, sources: [FixtureSource(path: "/" + file, fileName: file)], annotations: a)
        return Cell(fixture: fixture, compiler: CompilerSpec(name: "gcc", cc: "gcc", cxx: "g++"), target: target ?? x86, link: link, opt: "-O2")
    }

    func facts(machine: String = "x86_64", interp: String? = "/lib64/ld-linux-x86-64.so.2", needed: [String] = ["libc.so.6"], isStatic: Bool = false) -> ELFFacts {
        ELFFacts(path: "/p", elfClass: 64, machine: machine, type: .dyn, interpreter: interp, needed: needed, isStatic: isStatic)
    }

    @Test func aGoodDynamicBinaryHasNoViolation() {
        #expect(ELFInvariants.check(facts(), cell: cell(.sharedLibgcc)) == [])
        #expect(ELFInvariants.check(facts(needed: ["libgcc_s.so.1", "libc.so.6"]), cell: cell(.sharedLibgcc, cxx: true)) == [])
    }

    @Test func eachInvariant() {
        #expect(ELFInvariants.check(facts(), cell: cell(.sharedLibgcc, cxx: true)).map(\.check) == ["libgcc"])
        #expect(ELFInvariants.check(facts(needed: ["libgcc_s.so.1"]), cell: cell(.staticLibgcc)).map(\.check) == ["libgcc"])
        #expect(ELFInvariants.check(facts(), cell: cell(.fullyStatic)).map(\.check) == ["static", "static"])
        #expect(ELFInvariants.check(facts(interp: nil, needed: [], isStatic: true), cell: cell(.fullyStatic)) == [])
        #expect(ELFInvariants.check(facts(interp: "/lib/ld-linux.so.2"), cell: cell(.sharedLibgcc)).map(\.check) == ["interpreter"])
        let foreign = ELFInvariants.check(facts(), cell: cell(.sharedLibgcc, target: aarch64))
        #expect(foreign.map(\.check) == ["machine", "interpreter"])
        #expect(foreign.first?.message == "binary is x86_64 (64-bit); target aarch64 expects aarch64 (64-bit)")
    }

    @Test func fixtureExpectations() {
        let c = cell(.sharedLibgcc, annotations: "// ELF-NEEDED: libm.so.6\n// ELF-NOT-NEEDED: libc.so.6\n// ELF-STATIC[aarch64]: yes\n// ELF-INTERP: /x\n")
        #expect(ELFInvariants.check(facts(), cell: c).map(\.check) == ["ELF-NEEDED", "ELF-NOT-NEEDED", "ELF-INTERP"])
    }

    @Test func runVerdicts() {
        let abortCell = cell(.sharedLibgcc, annotations: "// EXPECT-SIGNAL: SIGABRT\n// EXPECT-STDERR-CONTAINS: smashing\n")
        let died = CommandRecord(step: .run, argv: ["./prog"], cwd: "/", signal: "SIGABRT")
        #expect(RunVerdict.judge(run: died, fullStdout: "", fullStderr: "*** stack smashing detected ***", cell: abortCell).status == .pass)
        #expect(RunVerdict.judge(run: died, fullStdout: "", fullStderr: "", cell: abortCell).reason == "stderr does not contain 'smashing'")
        let exited = CommandRecord(step: .run, argv: ["./prog"], cwd: "/", exitCode: 0)
        #expect(RunVerdict.judge(run: exited, fullStdout: "", fullStderr: "", cell: abortCell).reason == "expected death by SIGABRT, exited 0")
        #expect(RunVerdict.judge(run: died, fullStdout: "", fullStderr: "", cell: cell(.sharedLibgcc)) == .init(status: .crash, reason: "killed by SIGABRT"))
        var timedOut = died
        timedOut.timedOut = true
        #expect(RunVerdict.judge(run: timedOut, fullStdout: "", fullStderr: "", cell: abortCell).status == .timeout)
        #expect(RunVerdict.notes(stderr: "./prog: error while loading shared libraries: libgcc_s.so.1: cannot open shared object file")
            == ["missing shared library libgcc_s.so.1 at run time: the loader could not find it on the target's library path"])
    }

    /// The loader's message replaces "expected exit 0, got 127" only when the program ended wrongly.
    @Test func runVerdictsTakeTheLoadersWords() {
        let loader = "./prog: error while loading shared libraries: libfoo.so.1: cannot open shared object file: No such file or directory\n"
        let failed = CommandRecord(step: .run, argv: ["./prog"], cwd: "/", exitCode: 127)
        #expect(RunVerdict.judge(run: failed, fullStdout: "", fullStderr: loader, cell: cell(.sharedLibgcc), needed: ["libfoo.so.1"])
            == .init(status: .fail, reason: "libfoo.so.1 not found (needed by prog)"))
        #expect(RunVerdict.judge(run: failed, fullStdout: "", fullStderr: "", cell: cell(.sharedLibgcc)).reason == "expected exit 0, got 127")
        // Exit 0 with the message on stderr (a program printing it) is judged by its output, as before.
        let passed = CommandRecord(step: .run, argv: ["./prog"], cwd: "/", exitCode: 0)
        let printing = cell(.sharedLibgcc, annotations: "// EXPECT-STDOUT: yes\n")
        #expect(RunVerdict.judge(run: passed, fullStdout: "no\n", fullStderr: loader, cell: printing).reason == "stdout line 1: expected 'yes', got 'no'")
        #expect(RunVerdict.judge(run: passed, fullStdout: "", fullStderr: loader, cell: cell(.sharedLibgcc)).status == .pass)
        let sigill = CommandRecord(step: .run, argv: ["./prog"], cwd: "/", signal: "SIGILL")
        #expect(RunVerdict.judge(run: sigill, fullStdout: "", fullStderr: "", cell: cell(.sharedLibgcc))
            == .init(status: .crash, reason: "illegal instruction on the host's cpu"))
        let expectsIll = cell(.sharedLibgcc, annotations: "// EXPECT-SIGNAL: SIGILL\n")
        #expect(RunVerdict.judge(run: sigill, fullStdout: "", fullStderr: "", cell: expectsIll).status == .pass)
        let limit = CommandRecord(step: .run, argv: ["./prog"], cwd: "/", signal: "SIGXFSZ")
        #expect(RunVerdict.judge(run: limit, fullStdout: "", fullStderr: loader, cell: cell(.sharedLibgcc)).reason?.hasPrefix("killed by SIGXFSZ") == true)
    }
}
