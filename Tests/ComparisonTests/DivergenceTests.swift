import Testing
@testable import Model

@Suite struct DivergenceTests {
    @Test func outputsAcrossCompilersLinksOptsAndTargetsAreCompared() throws {
        let cells = [
            Reports.cell("f", link: "shared-libgcc", stdout: "1.5\n"),
            Reports.cell("f", link: "static", stdout: "1.5\n"),
            Reports.cell("f", compiler: "clang", stdout: "1.5\n"),
            Reports.cell("f", target: "aarch64", stdout: "1.4999\n"),
            Reports.cell("g", stdout: "same\n"),
            Reports.cell("g", target: "aarch64", stdout: "same\n"),
        ]
        let found = DivergenceFinder.find(in: cells)
        #expect(found.count == 1)
        let d = try #require(found.first)
        #expect(d.fixture == "f")
        #expect(d.scope == "all targets")
        #expect(d.groups.map(\.cells.count) == [3, 1])
        #expect(d.groups[1].cells == ["f/gcc/aarch64/shared-libgcc/O2"])
        #expect(d.evidence(for: 1) == "line 1: '1.5' vs '1.4999'")
    }

    @Test func perTargetOutputIsComparedWithinATarget() {
        var a = Reports.cell("f", stdout: "little\n"), b = Reports.cell("f", target: "s390x", stdout: "big\n")
        a.perTargetStdout = true
        b.perTargetStdout = true
        #expect(DivergenceFinder.find(in: [a, b]).isEmpty)
        var c = Reports.cell("f", link: "static", stdout: "other\n")
        c.perTargetStdout = true
        let found = DivergenceFinder.find(in: [a, b, c])
        #expect(found.map(\.scope) == ["x86_64"])
    }

    @Test func cellsThatDidNotRunAreLeftOut() throws {
        let cells = [Reports.cell("f", stdout: "ok\n"), Reports.cell("f", link: "static", status: .crash, stdout: "")]
        #expect(DivergenceFinder.find(in: cells).isEmpty)
    }

    @Test func aSingleReportFailsTheGateOnDivergence() throws {
        let report = Reports.report([Reports.cell("f", stdout: "a"), Reports.cell("f", link: "static", stdout: "b")])
        let c = try Comparator.selfCheck(report)
        #expect(c.divergences.count == 1)
        #expect(c.failsGate)
        // With a baseline, divergences are listed but only regressions fail the gate.
        #expect(!(try Comparator.compare(old: report, new: report)).failsGate)
    }
}
