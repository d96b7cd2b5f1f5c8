import Testing
@testable import Model

/// The wrong-code pass over crafted records: majority, reference, timeouts apart, generator trouble.
@Suite("wrong-code verdicts")
struct WrongCodeVerdictsTests {
    static func cell(_ seed: Int, _ compiler: String, _ target: String, _ status: CellStatus, _ checksum: String?, opt: String = "O2") -> CellRecord {
        var r = CellRecord(fixture: "csmith-\(seed)", compiler: compiler, target: target, link: "static", opt: opt, status: status)
        r.checksum = checksum
        r.stdout = checksum.map { "checksum = \($0)\n" } ?? ""
        r.commands = [CommandRecord(step: .run, argv: ["./prog"], cwd: "/w")]
        return r
    }

    static let programs: [String: UInt64] = ["csmith-1": 1, "csmith-2": 2, "csmith-3": 3]

    @Test func theOddCellOutIsWrongCodeAndItsReasonNamesBothChecksums() {
        let cells = [
            Self.cell(1, "gcc", "x86_64", .pass, "AAAA"), Self.cell(1, "clang", "x86_64", .pass, "AAAA"),
            Self.cell(1, "gcc", "i686", .pass, "BBBB"), Self.cell(1, "clang", "i686", .pass, "AAAA"),
            Self.cell(2, "gcc", "x86_64", .pass, "CCCC"), Self.cell(2, "clang", "x86_64", .pass, "CCCC"),
        ]
        let r = WrongCodeVerdicts.apply(to: cells, programs: Self.programs)
        #expect(r.records.map(\.status) == [.pass, .pass, .wrongCode, .pass, .pass, .pass])
        let reason = r.records[2].reason ?? ""
        #expect(reason.hasPrefix("checksum BBBB, expected AAAA (the majority: 3 cells agree: gcc/x86_64/static/O2, clang/x86_64/static/O2, clang/i686/static/O2)"), "\(reason)")
        #expect(r.wrongCode == ["csmith-1"])
        #expect(r.generatorTrouble.isEmpty)
        #expect(CellStatus.wrongCode.isFailure && CellStatus.wrongCode.symbol == "W")
    }

    @Test func theReferenceCellsWinOverTheMajority() {
        let cells = [
            Self.cell(1, "gcc", "x86_64", .pass, "AAAA", opt: "O0"), Self.cell(1, "gcc", "x86_64", .pass, "BBBB"),
            Self.cell(1, "clang", "x86_64", .pass, "BBBB"),
        ]
        let r = WrongCodeVerdicts.apply(to: cells, programs: Self.programs, reference: ReferenceCells(compiler: "gcc", opt: "-O0"))
        #expect(r.records.map(\.status) == [.pass, .wrongCode, .wrongCode])
        #expect(r.records[1].reason?.contains("expected AAAA (the reference compiler=gcc opt=O0: 1 cell agrees: gcc/x86_64/static/O0)") == true,
                "\(r.records[1].reason ?? "")")
    }

    @Test func timeoutsNeverTakePartAndAllTimeoutsOrCrashesAreGeneratorTrouble() {
        let cells = [
            // Seed 1: one cell looped; the others agree: nothing is wrong.
            Self.cell(1, "gcc", "x86_64", .timeout, nil), Self.cell(1, "clang", "x86_64", .pass, "AAAA"),
            Self.cell(1, "gcc", "i686", .pass, "AAAA"),
            // Seed 2: every cell looped or crashed.
            Self.cell(2, "gcc", "x86_64", .timeout, nil), Self.cell(2, "clang", "x86_64", .crash, nil),
            // Seed 3: a crash among agreeing cells stays a crash.
            Self.cell(3, "gcc", "x86_64", .crash, nil), Self.cell(3, "clang", "x86_64", .pass, "DDDD"),
        ]
        let r = WrongCodeVerdicts.apply(to: cells, programs: Self.programs)
        #expect(r.records.map(\.status) == cells.map(\.status))
        #expect(r.generatorTrouble == [2])
        #expect(r.wrongCode.isEmpty)
    }

    @Test func otherFixturesPassThroughUntouched() {
        var hello = CellRecord(fixture: "hello", compiler: "gcc", target: "x86_64", link: "static", opt: "O2", status: .pass)
        hello.stdout = "one"
        var other = hello
        other.compiler = "clang"
        other.stdout = "two"
        let r = WrongCodeVerdicts.apply(to: [hello, other], programs: Self.programs)
        #expect(r.records == [hello, other])
    }

    @Test func checksumsAreReadFromTheLastChecksumLine() {
        #expect(Checksum.parse("checksum = D9927B6C\n") == "D9927B6C")
        #expect(Checksum.parse("...\nchecksum = 1\nchecksum = FF\n") == "FF")
        #expect(Checksum.parse("checksum = xyz\n") == nil)
        #expect(Checksum.parse("") == nil)
    }

    @Test func aNewWrongCodeIsARegressionInACompare() throws {
        let meta = RunMetadata(
            toolgateVersion: "t", startedAt: "s", commandLine: [], host: .init(hostname: "h", kernel: "k", machine: "m", cores: 1),
            matrix: .init(name: "m", path: "m", sha256: "x"), fixtures: "f", jobs: 1)
        var failing = Self.cell(1, "gcc", "i686", .fail, "AAAA")
        let old = Report(complete: true, metadata: meta, cells: [failing])
        failing.status = .wrongCode
        failing.reason = "checksum BBBB, expected AAAA"
        let fresh = Self.cell(2, "gcc", "i686", .wrongCode, "BBBB")
        let c = try Comparator.compare(old: old, new: Report(complete: true, metadata: meta, cells: [failing, fresh]))
        #expect(c.cells.map(\.cellClass) == [.regression, .regression])
        #expect(c.regressions.map(\.evidence).first == "checksum BBBB, expected AAAA")
    }
}

@Suite("wrong-code verdicts after a merge")
struct WrongCodeRejudgeTests {
    @Test func aMergedReportIsJudgedOverAllItsCells() {
        var meta = RunMetadata(
            toolgateVersion: "t", startedAt: "s", commandLine: [], host: .init(hostname: "h", kernel: "k", machine: "m", cores: 1),
            matrix: .init(name: "m", path: "m", sha256: "x"), fixtures: "f", jobs: 1)
        meta.generator = GeneratorInfo(tool: "csmith", version: "csmith 2.3.0", flags: [], seeds: "1", runTimeout: 10, reference: nil)
        // One shard held gcc's and clang's x86_64 cells and called the tie for gcc; the other shard's i686
        // cells side with clang.
        var wrongClang = WrongCodeVerdictsTests.cell(1, "clang", "x86_64", .wrongCode, "BBBB")
        wrongClang.reason = "checksum BBBB, expected AAAA (a tie, ...)"
        let cells = [
            WrongCodeVerdictsTests.cell(1, "gcc", "x86_64", .pass, "AAAA"), wrongClang,
            WrongCodeVerdictsTests.cell(1, "gcc", "i686", .pass, "BBBB"), WrongCodeVerdictsTests.cell(1, "clang", "i686", .pass, "BBBB"),
        ]
        let r = WrongCodeVerdicts.rejudge(Report(complete: true, metadata: meta, cells: cells))
        #expect(r.cells.map(\.status) == [.wrongCode, .pass, .pass, .pass])
        #expect(r.summary["wrong-code"] == 1)
        var plain = meta
        plain.generator = nil
        let untouched = Report(complete: true, metadata: plain, cells: cells)
        #expect(WrongCodeVerdicts.rejudge(untouched) == untouched)
    }
}
