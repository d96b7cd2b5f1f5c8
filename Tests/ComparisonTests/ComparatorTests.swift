import ELFFacts
import Testing
@testable import Model

@Suite(.blocking) struct ComparatorTests {
    private func one(_ c: Comparison, _ id: String) throws -> CellComparison {
        try #require(c.cells.first { $0.id == id })
    }

    @Test func passToAnyFailureIsARegression() throws {
        for status in CellStatus.allCases where status.isFailure {
            let c = try Reports.compare([Reports.cell()], [Reports.cell(status: status, elf: nil)])
            let cell = try one(c, "hello/gcc/x86_64/shared-libgcc/O2")
            #expect(cell.cellClass == .regression)
            let r = try #require(c.regressions.first)
            #expect(r.kind == .status)
            #expect(r.field == "status")
            #expect(r.before == "pass")
            #expect(r.after == status.rawValue)
            #expect(r.evidence == "crafted \(status.rawValue)")
        }
    }

    @Test func passToSkippedIsARegressionAndFailToSkippedIsNotFixed() throws {
        let c = try Reports.compare(
            [Reports.cell("a"), Reports.cell("b", status: .fail), Reports.cell("c", status: .skipped)],
            [Reports.cell("a", status: .skipped, elf: nil), Reports.cell("b", status: .skipped, elf: nil), Reports.cell("c", status: .skipped, elf: nil)])
        #expect(try one(c, "a/gcc/x86_64/shared-libgcc/O2").cellClass == .regression)
        #expect(c.regressions.map(\.after) == ["skipped"])
        #expect(try one(c, "b/gcc/x86_64/shared-libgcc/O2").cellClass == .stillFailing)
        #expect(try one(c, "c/gcc/x86_64/shared-libgcc/O2").cellClass == .unchanged)
    }

    @Test func fixedStillFailingNewAndUnchanged() throws {
        let old = [Reports.cell("a", status: .fail), Reports.cell("b", status: .crash), Reports.cell("c")]
        let new = [Reports.cell("a"), Reports.cell("b", status: .fail), Reports.cell("c"), Reports.cell("d", status: .fail)]
        let c = try Reports.compare(old, new)
        #expect(try one(c, "a/gcc/x86_64/shared-libgcc/O2").cellClass == .fixed)
        #expect(try one(c, "b/gcc/x86_64/shared-libgcc/O2").cellClass == .stillFailing)
        #expect(try one(c, "c/gcc/x86_64/shared-libgcc/O2").cellClass == .unchanged)
        let d = try one(c, "d/gcc/x86_64/shared-libgcc/O2")
        #expect(d.cellClass == .new)
        #expect(d.newStatus == .fail)
        #expect(c.regressions.isEmpty)
        #expect(!c.failsGate)
        let summary = Dictionary(uniqueKeysWithValues: c.summary.map { ($0.key, $0.count) })
        #expect(summary["fixed"] == 1)
        #expect(summary["still_failing"] == 1)
        #expect(summary["new"] == 1)
        #expect(summary["unchanged"] == 1)
        #expect(summary["regressions"] == 0)
    }

    @Test func missingCellIsARegression() throws {
        let c = try Reports.compare([Reports.cell("a"), Reports.cell("b")], [Reports.cell("a")])
        let b = try one(c, "b/gcc/x86_64/shared-libgcc/O2")
        #expect(b.cellClass == .missing)
        #expect(b.missingReason == nil)
        let r = try #require(c.regressions.first)
        #expect(r.kind == .missing)
        #expect(r.before == "pass")
        #expect(r.after == nil)
        #expect(c.failsGate)
    }

    @Test func missingBecauseTheCompilerLeftTheMatrix() throws {
        let old = Reports.report(
            [Reports.cell("a"), Reports.cell("a", compiler: "clang")],
            metadata: Reports.metadata(compilers: [("gcc", "x86_64"), ("clang", "x86_64")]))
        let new = Reports.report([Reports.cell("a")])
        let c = try Comparator.compare(old: old, new: new)
        let gone = try one(c, "a/clang/x86_64/shared-libgcc/O2")
        #expect(gone.cellClass == .missing)
        #expect(gone.missingReason?.contains("no compiler 'clang'") == true)
        #expect(c.regressions.isEmpty)
    }

    @Test func missingBecauseOfAFilter() throws {
        let new = Reports.report([Reports.cell("a")], metadata: Reports.metadata(filter: "a/*"))
        let c = try Comparator.compare(old: Reports.report([Reports.cell("a"), Reports.cell("b")]), new: new)
        #expect(try one(c, "b/gcc/x86_64/shared-libgcc/O2").missingReason == "left out by --filter 'a/*'")
        #expect(c.regressions.isEmpty)
        // A cell the filter selects but that is absent is still an alarm.
        let c2 = try Comparator.compare(
            old: Reports.report([Reports.cell("a"), Reports.cell("b")]),
            new: Reports.report([], metadata: Reports.metadata(filter: "a/*")))
        #expect(c2.regressions.map(\.cell) == ["a/gcc/x86_64/shared-libgcc/O2"])
    }

    @Test func changedStdoutWithoutExpectedOutputIsARegression() throws {
        let c = try Reports.compare(
            [Reports.cell(stdout: "x=1\ny=2\n", stdoutChecked: false)], [Reports.cell(stdout: "x=1\ny=3\n", stdoutChecked: false)])
        let r = try #require(c.regressions.first)
        #expect(r.kind == .output)
        #expect(r.field == "stdout")
        #expect(r.before == "y=2")
        #expect(r.after == "y=3")
        #expect(r.evidence.contains("line 2"))
    }

    @Test func changedStdoutOfACheckedFixtureIsNotComparedAgain() throws {
        // The runner already held it against EXPECT-STDOUT; and reports without the field say nothing.
        #expect(try Reports.compare([Reports.cell(stdout: "a")], [Reports.cell(stdout: "b")]).regressions.isEmpty)
        #expect(try Reports.compare(
            [Reports.cell(stdout: "a", stdoutChecked: nil)], [Reports.cell(stdout: "b", stdoutChecked: nil)]).regressions.isEmpty)
    }

    @Test func elfChangeOfAPassingCellIsARegressionWithInformationBeside() throws {
        var broken = Reports.facts()
        broken.nxStack = false
        broken.buildID = "ffff"
        let c = try Reports.compare([Reports.cell()], [Reports.cell(elf: broken)])
        #expect(c.cells.first?.cellClass == .regression)
        #expect(c.regressions.map(\.field) == ["nx_stack"])
        #expect(c.information.map(\.field) == ["build_id"])
    }

    @Test func differentMatricesAreRefused() {
        let old = Reports.report([], metadata: Reports.metadata(matrix: "default"))
        let new = Reports.report([], metadata: Reports.metadata(matrix: "abi"))
        #expect(throws: ComparisonError.differentMatrices(old: "default", new: "abi")) {
            try Comparator.compare(old: old, new: new)
        }
    }

    @Test func changedMatrixFileWarns() throws {
        let old = Reports.report([Reports.cell()], metadata: Reports.metadata(sha256: "aaaa"))
        let new = Reports.report([Reports.cell()], metadata: Reports.metadata(sha256: "bbbb"))
        let c = try Comparator.compare(old: old, new: new)
        #expect(c.warnings.contains { $0.contains("sha256 differs") })
        #expect(c.regressions.isEmpty)
    }

    @Test func unknownSchemaIsRefused() {
        var old = Reports.report([])
        old.schemaVersion = 99
        #expect(throws: ComparisonError.schemaVersion(file: "OLD", version: 99)) {
            try Comparator.compare(old: old, new: Reports.report([]))
        }
    }

    @Test func knownFailuresMakeFailuresExpected() throws {
        let known = [KnownFailure(pattern: "b/*", expires: "2099-01-01", reason: "bug 12", location: "kf:1")]
        let c = try Reports.compare(
            [Reports.cell("a"), Reports.cell("b"), Reports.cell("c", status: .fail)],
            [Reports.cell("a", status: .fail), Reports.cell("b", status: .crash), Reports.cell("c", status: .fail)],
            options: ComparisonOptions(knownFailures: known))
        #expect(try one(c, "b/gcc/x86_64/shared-libgcc/O2").cellClass == .expected)
        #expect(try one(c, "b/gcc/x86_64/shared-libgcc/O2").knownFailure?.reason == "bug 12")
        #expect(try one(c, "c/gcc/x86_64/shared-libgcc/O2").cellClass == .stillFailing)
        #expect(c.regressions.map(\.cell) == ["a/gcc/x86_64/shared-libgcc/O2"])
    }
}
