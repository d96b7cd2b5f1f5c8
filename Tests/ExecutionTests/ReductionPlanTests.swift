import Foundation
import Testing
@testable import Execution
@testable import Model

/// `toolgate reduce`'s plan and scripts from crafted records: which cell it holds the wrong one against,
/// and commands that touch nothing of the run's.
@Suite("reduction plan", .blocking)
struct ReductionPlanTests {
    static func cell(_ compiler: String, _ target: String, _ status: CellStatus, _ checksum: String, runner: [String] = []) -> CellRecord {
        var r = CellRecord(fixture: "csmith-2", compiler: compiler, target: target, link: "static", opt: "O2", status: status)
        r.checksum = checksum
        let obj = "/out/work/csmith-2/\(compiler)/\(target)/O2/obj/csmith-2.c.\(compiler).o"
        r.commands = [
            CommandRecord(step: .compile, argv: [compiler, "-O2", "-I/usr/include/csmith", "-w", "-c", "/out/generated/csmith-2.c", "-o", obj,
                                                 "-MD", "-MF", obj + ".d"], cwd: "/out/work/obj"),
            CommandRecord(step: .link, argv: [compiler, "-O2", "-static", obj, "-o", "prog", "-Wl,--dependency-file=/out/work/prog.d"], cwd: "/out/work/c"),
            CommandRecord(step: .run, argv: runner + ["./prog"], cwd: "/out/work/c", env: ["LC_ALL": "C"]),
        ]
        return r
    }

    static func report(_ cells: [CellRecord]) -> Report {
        Report(complete: true, metadata: RunMetadata(
            toolgateVersion: "t", startedAt: "s", commandLine: [], host: .init(hostname: "h", kernel: "k", machine: "m", cores: 1),
            matrix: .init(name: "m", path: "m", sha256: "x"), fixtures: "f", jobs: 1), cells: cells)
    }

    @Test func itHoldsTheWrongCellAgainstAnAgreeingOneOnItsTargetAndStripsTheCachesFiles() throws {
        let r = Self.report([
            Self.cell("gcc", "aarch64", .pass, "AAAA", runner: ["qemu-aarch64", "-L", "/usr/aarch64-linux-gnu"]),
            Self.cell("gcc", "x86_64", .pass, "AAAA"), Self.cell("broken", "x86_64", .wrongCode, "BBBB"),
        ])
        let plan = try ReductionPlan.make(report: r, cell: "csmith-2/broken/x86_64/static/O2")
        #expect(plan.agreeing.cell == "csmith-2/gcc/x86_64/static/O2")
        #expect(plan.source == "/out/generated/csmith-2.c")
        #expect(plan.wrong.compile == ["broken", "-O2", "-I/usr/include/csmith", "-w", "-c", ReductionPlan.sourceMark, "-o", "w.o"])
        #expect(plan.wrong.link == ["broken", "-O2", "-static", "w.o", "-o", "w.prog"])
        #expect(plan.wrong.run == ["./w.prog"])
        let test = InterestingnessScript.test(plan)
        #expect(!test.contains("/out/work"), "a candidate must not write into the run's work directory")
        for needed in ["cmp -s wrong.out agreeing.out", "-fsanitize=undefined,address -fno-sanitize-recover=all", "-Weverything", "-Wall -Wextra",
                       "ulimit -t", "-v 4194304", "mktemp -d", "trap", "\\[-W(uninitialized|"] {
            #expect(test.contains(needed), "\(needed)")
        }
        // The runner of an agreeing cell under qemu goes with it.
        let q = try ReductionPlan.make(report: r, cell: "csmith-2/broken/x86_64/static/O2", against: "csmith-2/gcc/aarch64/static/O2")
        #expect(q.agreeing.run == ["qemu-aarch64", "-L", "/usr/aarch64-linux-gnu", "./a.prog"])
        // Both scripts are valid bash.
        let dir = try TempDir()
        for (name, text) in [("test.sh", test), ("repro.sh", InterestingnessScript.repro(q))] {
            let bash = try Spawn.run("bash", ["-n", try dir.write(name, text)], timeout: .seconds(30))
            #expect(bash.succeeded, "\(name) is not valid bash: \(bash.stderr)")
        }
    }

    @Test func onlyAWrongCodeCellWithAnAgreeingCellCanBeReduced() {
        let r = Self.report([Self.cell("gcc", "x86_64", .pass, "AAAA"), Self.cell("broken", "x86_64", .wrongCode, "BBBB")])
        func message(_ id: String, against: String? = nil) -> String {
            do {
                _ = try ReductionPlan.make(report: r, cell: id, against: against)
                return ""
            } catch { return error.description }
        }
        #expect(message("csmith-2/gcc/x86_64/static/O2").contains("is pass, not wrong-code"))
        #expect(message("csmith-2/brokn/x86_64/static/O2").contains("did you mean 'csmith-2/broken/x86_64/static/O2'?"))
        #expect(message("csmith-2/broken/x86_64/static/O2", against: "csmith-2/broken/x86_64/static/O2").contains("is not a passing cell"))
        #expect(TimeSpan.seconds("30m") == 1800 && TimeSpan.seconds("90") == 90 && TimeSpan.seconds("2h") == 7200)
        #expect(TimeSpan.seconds("0") == nil && TimeSpan.seconds("5x") == nil && TimeSpan.seconds("") == nil)
    }
}
