import Foundation
import Testing
@testable import Model
@testable import Reporting

/// index.html of a run past `HTMLReport.fullPageLimit` cells: under 5 MB at c-torture's 8,136 cells, every
/// failing cell still there with its details, passing cells counted and linked to their logs.
@Suite struct HTMLLargeRunTests {
    /// 1,356 fixtures × 6 configurations; every 40th cell fails with a compile error and its stderr.
    static func cells() -> [CellRecord] {
        var out: [CellRecord] = []
        for f in 0..<1_356 {
            for (target, link) in [("x86_64", "shared-libgcc"), ("x86_64", "static"), ("x86_64", "static-libgcc"), ("aarch64", "shared-libgcc"), ("aarch64", "static"), ("aarch64", "static-libgcc")] {
                let i = out.count
                var c = Reports.cell("execute-\(f)", target: target, link: link, status: i % 40 == 7 ? .compileError : .pass)
                c.log = ReportWriter.logPath(for: c.id)
                c.commands = [
                    CommandRecord(step: .compile, argv: ["gcc", "-O2", "-c", "/src/execute-\(f).c", "-o", "execute-\(f).o"], cwd: "/w/\(f)", exitCode: c.status == .pass ? 0 : 1,
                                  stderr: c.status == .pass ? "" : "execute-\(f).c:12:3: error: unknown builtin number \(i)\n" + String(repeating: "note: context line\n", count: 40)),
                    CommandRecord(step: .run, argv: ["./prog"], cwd: "/w/\(f)/\(link)", exitCode: 0, stdout: String(repeating: "output\n", count: 20)),
                ]
                if c.status != .pass { c.reason = "compile error: unknown builtin number \(i)" }
                out.append(c)
            }
        }
        return out
    }

    @Test func eightThousandCellsStayUnderFiveMBWithEveryFailingCellInFull() throws {
        let cells = Self.cells()
        #expect(cells.count == 8_136)
        let html = HTMLReport.render(ReportContext(report: Reports.report(cells)))
        #expect(html.utf8.count < 5_000_000, "index.html is \(html.utf8.count) bytes")
        let failing = cells.filter { $0.status.isFailure }
        #expect(failing.count == 204)
        let lines = Set(html.split(separator: "\n").map(String.init))
        let summaries = Set(lines.filter { $0.hasPrefix("<details id=") }.map { $0.components(separatedBy: "</span>").last ?? "" })
        for c in failing {
            #expect(summaries.contains("\(c.id) — \(c.reason ?? "")</summary>"), "\(c.id) is not listed")
            let number = c.reason?.split(separator: " ").last ?? ""
            #expect(lines.contains { $0.hasSuffix(": error: unknown builtin number \(number)") }, "\(c.id) lost its stderr")
        }
        // Passing cells are not drawn with their details: one link each to the log.
        #expect(html.components(separatedBy: "<details id=").count - 1 == failing.count)
        // Counted per configuration: passed of all.
        let cfg = "gcc/x86_64/static/O2"
        let passed = cells.filter { $0.configuration == cfg && $0.status == .pass }.count
        #expect(passed < 1_356)
        #expect(lines.contains("<tr><td>\(cfg)</td><td>\(passed)</td><td>1356</td></tr>"))
        #expect(html.contains("<a href=\"logs/execute-0/gcc/x86_64/shared-libgcc/O2.log\" title=\"execute-0/gcc/x86_64/shared-libgcc/O2\">.</a>"))
        if let path = ProcessInfo.processInfo.environment["TOOLGATE_LARGE_HTML"] { try html.write(toFile: path, atomically: true, encoding: .utf8) }
    }

    @Test func aSmallRunKeepsTheFullPage() {
        let cells = Array(Self.cells().prefix(60))
        let html = HTMLReport.render(ReportContext(report: Reports.report(cells)))
        #expect(html.components(separatedBy: "<details id=").count - 1 == 60)
        #expect(!html.contains("A large run"))
    }
}
