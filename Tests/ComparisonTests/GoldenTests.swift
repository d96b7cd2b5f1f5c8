import ELFFacts
import Foundation
import Testing
@testable import Model
@testable import Reporting

/// The comparison writers against files under Golden/. Re-record after an intended change with
/// `TOOLGATE_RECORD_GOLDEN=1 swift test --skip-build --filter GoldenTests` (which then fails, naming each file
/// it rewrote), and read the diff.
@Suite struct GoldenTests {
    static let directory = Repository.path("Tests/ComparisonTests/Golden")

    /// Every class and kind at least once.
    static func comparison() throws -> Comparison { try pair().comparison }

    /// The new run and its comparison with the baseline.
    static func pair() throws -> (new: Report, comparison: Comparison) {
        let (old, new) = reports()
        let known = [KnownFailure(pattern: "known/*", expires: "2099-01-01", reason: "bug 7", location: "known.txt:1")]
        return (new, try Comparator.compare(old: old, new: new, options: ComparisonOptions(knownFailures: known)))
    }

    /// The baseline and the new run (also seeds of the report fuzzer: ReportCorpusTests).
    static func reports() -> (old: Report, new: Report) {
        var weak = Reports.facts()
        weak.relro = .partial
        weak.needed.append("libm.so.6")
        weak.runpath = ["/home/builder/stage/lib"]
        weak.buildID = "ffff"
        let oldMeta = Reports.metadata(compilers: [("gcc", "x86_64"), ("clang", "x86_64")])
        let old = Reports.report([
            Reports.cell("crash"), Reports.cell("harden"), Reports.cell("fixed", status: .fail), Reports.cell("still", status: .timeout),
            Reports.cell("out", stdout: "n=1\n", stdoutChecked: false), Reports.cell("gone"), Reports.cell("gone", compiler: "clang"),
            Reports.cell("known"), Reports.cell("same"),
        ], metadata: oldMeta)
        var newMeta = Reports.metadata(sha256: "bbbb")
        newMeta.startedAt = "2026-11-26T09:00:00Z"
        let new = Reports.report([
            Reports.cell("crash", status: .crash, elf: nil), Reports.cell("harden", elf: weak), Reports.cell("fixed"),
            Reports.cell("still", status: .timeout), Reports.cell("out", stdout: "n=2\n", stdoutChecked: false),
            Reports.cell("known", status: .fail), Reports.cell("same"), Reports.cell("same", link: "static", stdout: "bye\n"),
            Reports.cell("fresh", status: .fail),
        ], metadata: newMeta)
        return (old, new)
    }

    /// Each format ReportFormat makes of a comparison alone, by its golden file: a new one fails here until
    /// its golden file is recorded.
    static let goldenNames: [String] = ReportFormat.all.filter { $0.occasion == .comparison || $0.occasion == .printed }.map(goldenName)

    /// Its file name, or for one only printed `comparison.txt` (the text) or `comparison-NAME.txt`.
    static func goldenName(_ format: ReportFormat) -> String {
        format.fileName ?? (format.formatName == "text" ? "comparison.txt" : "comparison-\(format.formatName ?? "").txt")
    }

    @Test(arguments: goldenNames)
    func matchesTheGoldenFile(_ name: String) throws {
        let (new, c) = try Self.pair()
        let format = try #require(ReportFormat.all.first { Self.goldenName($0) == name })
        let actual = try #require(format.render(ReportContext(report: new, comparison: c), ReportFormat.Options(color: false)))
        let path = Self.directory + "/" + name
        try Golden.check(actual, against: path)
    }
}
