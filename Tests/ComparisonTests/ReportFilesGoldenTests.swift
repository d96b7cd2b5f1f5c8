import ELFFacts
import Foundation
import Testing
@testable import Model
@testable import Reporting

/// junit.xml, summary.md and index.html against files under Golden/, for a crafted run alone and with
/// its comparison. Re-record after an intended change with
/// `TOOLGATE_RECORD_GOLDEN=1 swift test --skip-build --disable-xctest --filter ReportFilesGoldenTests` (which then fails,
/// naming each file it rewrote), and read the diff.
@Suite struct ReportFilesGoldenTests {
    /// The comparison of GoldenTests, the new run given commands, output, a violation and a note.
    static func context(baseline: Bool) throws -> ReportContext {
        let (report, comparison) = try GoldenTests.pair()
        var new = report
        for i in new.cells.indices {
            new.cells[i].durationMs = 1234 + i
            new.cells[i].log = ReportWriter.logPath(for: new.cells[i].id)
            new.cells[i].commands.insert(
                CommandRecord(step: .compile, argv: ["gcc", "-O2", "-c", "main file.c", "-o", "main.o"], cwd: "/w/u1", exitCode: 0, durationMs: 40,
                              stderr: "main file.c:3:1: warning: 'it's' <unused>\n"), at: 0)
        }
        new.cells[0].violations = [Violation("nx_stack", "executable stack")]
        new.cells[0].notes = ["the loader could not find libfoo.so.1"]
        new.cells[0].commands[1].stderr = "Segmentation fault\n"
        return ReportContext(report: new, comparison: baseline ? comparison : nil)
    }

    static func render(_ name: String) throws -> String {
        let baseline = !name.hasPrefix("run-")
        let file = baseline ? name : String(name.dropFirst(4))
        return try #require(ReportFiles.render(file, try context(baseline: baseline)))
    }

    /// Each file ReportFormat writes beside every run, with the comparison and without (`run-`): a new
    /// format fails here until its golden files are recorded.
    static let goldenNames: [String] = {
        let names = ReportFormat.all.filter { $0.occasion == .everyRun }.compactMap(\.fileName)
        return names + names.map { "run-" + $0 }
    }()

    @Test func theRegistryHasTheFilesOfEveryRun() {
        #expect(Set(Self.goldenNames) == ["junit.xml", "summary.md", "index.html", "run-junit.xml", "run-summary.md", "run-index.html"])
    }

    @Test(arguments: goldenNames)
    func matchesTheGoldenFile(_ name: String) throws {
        let actual = try Self.render(name)
        let path = GoldenTests.directory + "/" + name
        try Golden.check(actual, against: path)
    }
}
