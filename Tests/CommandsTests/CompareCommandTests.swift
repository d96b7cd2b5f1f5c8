import ELFInspection
import Foundation
import Model
import Reporting
@testable import Commands
import Testing

/// `toolgate compare` end to end on crafted reports: exit status, formats, errors naming the file.
@Suite("toolgate compare", .timeLimit(.minutes(3)), .blocking)
struct CompareCommandTests {
    static func facts() -> ELFFacts {
        ELFFacts(
            path: "prog", elfClass: 64, machine: "x86_64", type: .dyn, interpreter: "/lib64/ld-linux-x86-64.so.2",
            needed: ["libc.so.6"], pie: true, bindNow: true, relro: .full, nxStack: true, sizes: Sizes(file: 1000))
    }

    static func report(matrix: String = "m", status: CellStatus = .pass, elf: ELFFacts? = facts(), stdouts: [String] = ["1\n"]) -> Report {
        let host = RunMetadata.Host(hostname: "h", kernel: "k", machine: "x86_64", cores: 2)
        let metadata = RunMetadata(
            toolgateVersion: "0.1.0", startedAt: "2026-11-25T13:00:00Z", commandLine: ["toolgate"], host: host,
            matrix: RunMetadata.MatrixInfo(name: matrix, path: "m.toml", sha256: "aa"), fixtures: "f", jobs: 1)
        let cells = stdouts.enumerated().map { i, out in
            var c = CellRecord(fixture: "f", compiler: "gcc", target: "x86_64", link: i == 0 ? "shared-libgcc" : "static", opt: "O2", status: status)
            c.elf = elf
            c.stdout = out
            c.exitCode = 0
            c.commands = [CommandRecord(step: .run, argv: ["./prog"], cwd: "/", exitCode: 0)]
            return c
        }
        return Report(complete: true, metadata: metadata, cells: cells)
    }

    static func write(_ report: Report, _ dir: TempDir, _ name: String) throws -> String {
        let path = dir.path(name)
        try ReportWriter.write(report, to: path)
        return path
    }

    @Test func healthyComparisonExitsZero() throws {
        let dir = try TempDir()
        let a = try Self.write(Self.report(), dir, "a.json"), b = try Self.write(Self.report(), dir, "b.json")
        let run = try ToolgateBinary.run(["compare", a, b, "--color", "never"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasSuffix("OK: no regression; 1 unchanged\n"))
        #expect(run.stdout.contains("baseline: matrix 'm'"))
    }

    @Test func regressionExitsOneAndJSONNamesIt() throws {
        let dir = try TempDir()
        var weak = Self.facts()
        weak.bindNow = false
        let a = try Self.write(Self.report(), dir, "a.json"), b = try Self.write(Self.report(elf: weak), dir, "b.json")
        let run = try ToolgateBinary.run(["compare", a, b, "--format", "json", "--out", dir.path("cmp")])
        #expect(run.status == 1, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((object["summary"] as? [String: Int])?["regressions"] == 1)
        let first = try #require((object["regressions"] as? [[String: Any]])?.first)
        #expect(first["field"] as? String == "bind_now")
        #expect(first["before"] as? String == "true")
        #expect(first["after"] as? String == "false")
        #expect(FileManager.default.fileExists(atPath: dir.path("cmp/comparison.json")))
        for name in ["junit.xml", "summary.md", "index.html"] {
            #expect(FileManager.default.fileExists(atPath: dir.path("cmp/\(name)")), "compare --out writes \(name)")
        }
    }

    @Test(arguments: [("markdown", "| Cell | Kind | Field | Before → After | Evidence |"), ("junit", "<failure type=\"regression\""), ("html", "<!DOCTYPE html>")])
    func otherFormatsPrintTheReportFiles(_ format: String, _ marker: String) throws {
        let dir = try TempDir()
        var weak = Self.facts()
        weak.bindNow = false
        let a = try Self.write(Self.report(), dir, "a.json"), b = try Self.write(Self.report(elf: weak), dir, "b.json")
        let run = try ToolgateBinary.run(["compare", a, b, "--format", format])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains(marker), "\(run.stdout)")
        #expect(run.stdout.contains("bind_now"))
    }

    @Test func colourFollowsTheFlagAndNoColor() throws {
        let dir = try TempDir()
        let a = try Self.write(Self.report(), dir, "a.json"), b = try Self.write(Self.report(status: .fail), dir, "b.json")
        let always = try ToolgateBinary.run(["compare", a, b, "--color", "always"])
        #expect(always.status == 1)
        #expect(always.stdout.contains("\u{1B}[31;1mREGRESSIONS"))
        // auto: stdout is a file here, so no colour either way.
        let auto = try ToolgateBinary.run(["compare", a, b])
        #expect(!auto.stdout.contains("\u{1B}["))
        #expect(auto.stdout.contains("REGRESSIONS (1)"))
    }

    @Test func unreadableReportsExitTwoNamingTheFile() throws {
        let dir = try TempDir()
        let good = try Self.write(Self.report(), dir, "good.json")
        let truncated = dir.path("truncated.json")
        let full = try String(contentsOfFile: good, encoding: .utf8)
        try String(full.prefix(200)).write(toFile: truncated, atomically: true, encoding: .utf8)
        let wrong = dir.path("wrong.json")
        try full.replacingOccurrences(of: "\"jobs\" : 1", with: "\"jobs\" : [1]").write(toFile: wrong, atomically: true, encoding: .utf8)
        let text = dir.path("text.json")
        try "not json at all\n".write(toFile: text, atomically: true, encoding: .utf8)
        for (bad, needle) in [(truncated, "not valid JSON"), (wrong, "metadata.jobs"), (text, "not valid JSON"), (dir.path("none.json"), "no such file")] {
            let run = try ToolgateBinary.run(["compare", good, bad])
            #expect(run.status == 2, "\(bad): \(run.stderr)")
            #expect(run.stderr.hasPrefix("\(bad):"), "\(run.stderr)")
            #expect(run.stderr.contains(" error: "), "\(run.stderr)")
            #expect(run.stderr.contains(needle), "\(run.stderr)")
            #expect(!run.stderr.contains("Fatal error"))
        }
    }

    @Test func differentMatricesAreRefused() throws {
        let dir = try TempDir()
        let a = try Self.write(Self.report(matrix: "default"), dir, "a.json"), b = try Self.write(Self.report(matrix: "abi"), dir, "b.json")
        let run = try ToolgateBinary.run(["compare", a, b])
        #expect(run.status == 2)
        #expect(run.stderr.contains("different matrices ('default' and 'abi')"))
    }

    @Test func knownFailuresFile() throws {
        let dir = try TempDir()
        let a = try Self.write(Self.report(), dir, "a.json"), b = try Self.write(Self.report(status: .crash), dir, "b.json")
        let kf = dir.path("known.txt")
        try "# known\nf/gcc/* 2099-12-31 the crash is bug 7\n".write(toFile: kf, atomically: true, encoding: .utf8)
        let ok = try ToolgateBinary.run(["compare", a, b, "--known-failures", kf, "--color", "never"])
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
        #expect(ok.stdout.contains("EXPECTED (known failures) (1)"))
        #expect(ok.stdout.contains("the crash is bug 7 [\(kf):2, until 2099-12-31]"))
        try "f/gcc/* 2001-01-01 long gone\n".write(toFile: kf, atomically: true, encoding: .utf8)
        let expired = try ToolgateBinary.run(["compare", a, b, "--known-failures", kf])
        #expect(expired.status == 2)
        #expect(expired.stderr.hasPrefix("\(kf):1: error: entry for 'f/gcc/*' expired on 2001-01-01"))
    }

    @Test func oneReportShowsDivergences() throws {
        let dir = try TempDir()
        let same = try Self.write(Self.report(stdouts: ["1\n", "1\n"]), dir, "same.json")
        #expect(try ToolgateBinary.run(["compare", same]).status == 0)
        let split = try Self.write(Self.report(stdouts: ["1\n", "2\n"]), dir, "split.json")
        let run = try ToolgateBinary.run(["compare", split, "--color", "never"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("DIVERGENCES (1)"))
        #expect(run.stdout.contains("f/gcc/x86_64/static/O2: differs only in link: line 1: '1' vs '2'"))
    }

    @Test func usageMistakesExitTwo() throws {
        #expect(try ToolgateBinary.run(["compare"]).status == 2)
        #expect(try ToolgateBinary.run(["compare", "a", "b", "c"]).status == 2)
        #expect(try ToolgateBinary.run(["compare", "a", "b", "--size-threshold", "-1"]).status == 2)
        #expect(try ToolgateBinary.run(["compare", "a", "b", "--format", "xml"]).status == 2)
    }
}

@Suite struct ColorChoiceTests {
    @Test func flagWinsAndAutoHonoursNoColor() {
        #expect(ColorChoice.always.resolve(environment: ["NO_COLOR": "1"], isTerminal: false))
        #expect(!ColorChoice.never.resolve(environment: [:], isTerminal: true))
        #expect(ColorChoice.auto.resolve(environment: [:], isTerminal: true))
        #expect(ColorChoice.auto.resolve(environment: ["NO_COLOR": ""], isTerminal: true))
        #expect(!ColorChoice.auto.resolve(environment: ["NO_COLOR": "1"], isTerminal: true))
        #expect(!ColorChoice.auto.resolve(environment: [:], isTerminal: false))
    }
}
