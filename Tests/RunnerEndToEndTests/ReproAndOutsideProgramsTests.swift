import Foundation
import Testing
@testable import Execution
@testable import Model
@testable import Reporting

@Suite(.timeLimit(.minutes(3))) struct ReproAndOutsideProgramsTests {
    static let matrix = """
        fixtures = "fixtures"
        link = ["shared-libgcc", "static"]
        [compilers.gcc]
        cc = "gcc"
        [targets.x86_64]
        [targets.i686]
        cflags = ["-m32"]
        """

    /// A c-torture-like directory: no annotations, abort() on failure; each must compile, run and exit 0.
    @Test func plainTestProgramsRunAsTheyAre() async throws {
        try Harness.require(["gcc", "prlimit"])
        let h = try Harness()
        try h.write("fixtures/20000101-1.c", "#include <stdlib.h>\nint main(void) { if (sizeof(long) < 4) abort(); exit(0); }\n")
        try h.write("fixtures/20000102-1.c", "#include <stdlib.h>\nint f(int x) { return x * 2; }\nint main(void) { if (f(2) != 5) abort(); return 0; }\n")
        try h.write("fixtures/README", "not a fixture\n")
        let records = try await h.run(matrix: Self.matrix)
        #expect(records.map(\.id) == [
            "20000101-1/gcc/x86_64/shared-libgcc/O2", "20000101-1/gcc/x86_64/static/O2",
            "20000101-1/gcc/i686/shared-libgcc/O2", "20000101-1/gcc/i686/static/O2",
            "20000102-1/gcc/x86_64/shared-libgcc/O2", "20000102-1/gcc/x86_64/static/O2",
            "20000102-1/gcc/i686/shared-libgcc/O2", "20000102-1/gcc/i686/static/O2",
        ])
        #expect(records.prefix(4).allSatisfy { $0.status == .pass }, "\(Harness.describe(records))")
        #expect(records.suffix(4).allSatisfy { $0.status == .crash && $0.signal == "SIGABRT" }, "\(Harness.describe(records))")
    }

    /// The repro script redoes the cell: same output, same status, from a plain shell.
    @Test func theReproScriptRedoesTheCell() async throws {
        try Harness.require(["gcc", "prlimit"])
        let h = try Harness()
        try h.write("fixtures/exit7.c", "// EXPECT-EXIT: 7\n// CFLAGS: '-DMSG=\"it'\\''s here\"'\n#include <stdio.h>\nint main(void) { puts(MSG); return 7; }\n")
        let records = try await h.run(matrix: Self.matrix)
        let cell = try #require(records.first(where: { $0.id == "exit7/gcc/i686/static/O2" }))
        #expect(cell.status == .pass, "\(Harness.describe(records))")
        try FileManager.default.removeItem(atPath: h.root + "/out/work")
        let script = ReproScript.render(cell)
        try h.write("repro.sh", script)
        let r = await ProcessRunner.run(StepRequest(
            argv: ["sh", h.root + "/repro.sh"], cwd: h.root, timeoutSeconds: 60,
            stdoutPath: h.root + "/repro.out", stderrPath: h.root + "/repro.err"))
        #expect(r.exitCode == 7, "\(CapturedOutput.read(h.root + "/repro.err"))")
        #expect(CapturedOutput.read(h.root + "/repro.out") == "it's here\n")
    }
}
