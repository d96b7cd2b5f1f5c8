import Foundation
import Testing
@testable import Model
@testable import Reporting

/// Hostile program output through every writer: JSON stays valid, the log keeps it, the terminal line is defanged.
@Suite struct WritersTests {
    func record(_ fixture: String, _ link: LinkMode, _ status: CellStatus, output: String = "") -> CellRecord {
        let (a, _) = AnnotationParser.parse([])
        let cell = Cell(
            fixture: Fixture(name: fixture, path: "/", isDirectory: false, sources: [], annotations: a),
            compiler: CompilerSpec(name: "gcc", cc: "gcc", cxx: "g++"),
            target: TargetSpec(name: "x86_64", machine: "x86_64", elfClass: 64, loader: "/l"), link: link, opt: "-O2")
        var r = CellRecord(cell: cell, status: status, reason: output.isEmpty ? nil : output)
        r.stdout = output
        r.commands = [CommandRecord(step: .run, argv: ["./prog", "it's"], cwd: "/tmp/a b", env: ["LC_ALL": "C"], exitCode: 1, stdout: output)]
        return r
    }

    static let hostile = "<script>alert(1)</script> ]]> \u{1B}[31mred\u{1B}[0m \u{07}\"quoted\"\nsecond line"

    @Test func hostileOutputThroughTheReportTheLogAndTheTerminal() throws {
        let r = record("evil", .sharedLibgcc, .fail, output: Self.hostile)
        let metadata = RunMetadata(
            toolgateVersion: "0", startedAt: "t", commandLine: [], host: .init(hostname: "h", kernel: "k", machine: "m", cores: 1),
            matrix: .init(name: "m", path: "m.toml", sha256: "0"), fixtures: "f", jobs: 1)
        let scratch = try TempDir()
        let dir = scratch.path
        try ReportWriter.write(Report(complete: true, metadata: metadata, cells: [r]), to: dir + "/report.json")
        let back = try ReportWriter.read(dir + "/report.json")
        #expect(back.cells.first?.stdout == Self.hostile)
        #expect(back.summary["fail"] == 1)
        try ReportWriter.writeLog(r, outDir: dir)
        let log = try String(contentsOfFile: dir + "/logs/evil/gcc/x86_64/shared-libgcc/O2.log", encoding: .utf8)
        #expect(log.contains("$ LC_ALL=C ./prog 'it'\\''s'"))
        #expect(log.contains("second line"))
        #expect(Progress.oneLine(Self.hostile) == "<script>alert(1)</script> ]]> ?[31mred?[0m ?\"quoted\"")
    }

    @Test func theGrid() {
        let records = [
            record("hello", .sharedLibgcc, .pass), record("hello", .fullyStatic, .crash),
            record("int128", .sharedLibgcc, .unsupported), record("int128", .fullyStatic, .policy),
        ]
        #expect(ResultGrid.render(records) == """
            compiler  gcc
            target    x86_64
            link     sh st
            hello     .  C
            int128    -  P
            legend: . pass  ~ flaky  F fail  W wrong-code  C crash  T timeout  E compile-error  L link-error  P policy  - unsupported  s skipped
            links: sh shared-libgcc, sl static-libgcc, st static

            """)
    }
}
