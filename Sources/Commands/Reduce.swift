import ArgumentParser
import Execution
import Foundation
import Frontend
import Model
import Reporting

/// `toolgate reduce CELL [--report F] [--out DIR] [--time-limit 30m] [--against CELL]`: a wrong-code cell's
/// program reduced with C-Vise (docs/random-programs.md, "Reducing").
struct Reduce: ContextCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reduce a wrong-code cell's program with C-Vise to a small one that still shows the difference.",
        discussion: """
            The interestingness test (DIR/test.sh) is made from the cell's recorded compile, link and run commands and \
            those of a cell that agrees with the expected checksum. A candidate is kept only when it builds and runs \
            with both, prints different output on the two, draws no warning that hints at undefined behaviour \
            (gcc -Wall -Wextra, clang-19 -Weverything) and runs clean under -fsanitize=undefined,address of the host \
            gcc and clang-19. C-Vise runs for the limit less a fifth (at most 60 s); then reduced.c is laid out one \
            top-level form a line, and in the rest of the limit each form is deleted in turn, each global replaced by a \
            constant, and clang_delta's copy-propagation, callexpr-to-value and remove-unused-var tried, each change kept \
            only when the test still accepts the program. \
            DIR receives reduced.c, commands.txt, wrong.out, agreeing.out and repro.sh (the difference in one command). Ctrl-C keeps the smallest program so far in reduced.c.
            Exit status: 0 when reduced.c shows the difference; 1 when it does not; 2 for a bad cell, report or \
            an original program the test refuses.
            """)

    @Argument(help: "A wrong-code cell id: csmith-SEED/compiler/target/link/opt.")
    var cell: String

    @Option(name: .long, help: "The report to read.")
    var report: String = "reports/latest/report.json"

    @Option(name: .long, help: ArgumentHelp("Where the reduction goes (default: REPORT-DIR/reduce/CELL, '/' as '_').", valueName: "dir"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("How long C-Vise may run: 90s, 30m, 2h.", valueName: "time"))
    var timeLimit: String = "30m"

    @Option(name: .long, help: ArgumentHelp("The agreeing cell to hold it against (default: one on the same target).", valueName: "cell"))
    var against: String?

    @Option(name: [.customShort("j"), .long], help: "C-Vise's parallel tests (--n).")
    var jobs: Int = 2

    func validate() throws {
        if TimeSpan.seconds(timeLimit) == nil { throw ValidationError("'--time-limit' must be a duration such as 90s, 30m or 2h, got '\(timeLimit)'") }
        guard jobs >= 1 else { throw ValidationError("'--jobs' must be at least 1") }
    }

    func run(in context: RunContext) async throws {
        let loaded: Report
        do {
            loaded = try ReportWriter.read(report)
        } catch {
            throw Diagnostic.error("cannot read '\(report)': \(error.localizedDescription)")
        }
        let plan: ReductionPlan
        do {
            plan = try ReductionPlan.make(report: loaded, cell: cell, against: against)
        } catch {
            throw Diagnostic.error("\(report): \(error)")
        }
        let reportDir = (URL(fileURLWithPath: report).standardizedFileURL.path as NSString).deletingLastPathComponent
        let dir = out.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? reportDir + "/reduce/" + cell.replacingOccurrences(of: "/", with: "_")
        var reducer = Reducer(plan: plan, dir: dir, timeLimitSeconds: TimeSpan.seconds(timeLimit) ?? 1800)
        reducer.jobs = jobs
        // Ctrl-C: C-Vise's group is killed, then its smallest program so far is kept as reduced.c.
        let keep = reducer
        let started = ContinuousClock.now
        let interruption = Interruption.install(context, cleanup: {
            keep.keepSmallest()
            keep.removeScratch()
            let size = { (path: String) -> String in
                let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
                return "\(text.filter { $0 == "\n" }.count) lines (\(text.utf8.count) bytes)"
            }
            let seconds = Int((ContinuousClock.now - started) / .seconds(1))
            writeErr("toolgate: interrupted after \(seconds) s: \(size(keep.dir + "/original.c")) -> \(size(keep.reduced)), the smallest program so far, in \(keep.reduced)\n")
        })
        writeErr("toolgate: reducing \(cell) against \(plan.agreeing.cell) into \(dir) (time limit \(timeLimit))\n")
        let outcome: Reducer.Outcome
        do {
            try await reducer.prepare()
            await interruption.holdIfStopping()
            outcome = try await reducer.reduce()
        } catch {
            await interruption.holdIfStopping()
            throw Diagnostic.error("\(error)")
        }
        await interruption.holdIfStopping()
        writeOut(ReductionSummary.render(outcome, dir: dir, timeLimit: timeLimit))
        if outcome.reproStatus != 0 { throw ExitCode(1) }
    }
}

/// The lines `reduce` ends with.
enum ReductionSummary {
    static func render(_ o: Reducer.Outcome, dir: String, timeLimit: String) -> String {
        let percent = o.linesBefore > 0 ? Double(o.linesAfter) * 100 / Double(o.linesBefore) : 0
        var text = "reduced: \(o.linesBefore) lines (\(o.bytesBefore) bytes) -> \(o.linesAfter) lines (\(o.bytesAfter) bytes), "
            + String(format: "%.1f%%", percent) + " of the lines, in \(o.seconds) s"
            + (o.hitTimeLimit ? " (stopped at the time limit \(timeLimit): the smallest program so far)" : "")
            + (o.flattened ? ", one top-level form a line" : "") + "\n"
        text += "wrong-code output: \(o.wrongOutput.trimmingCharacters(in: .whitespacesAndNewlines))\n"
        text += "agreeing output:   \(o.agreeingOutput.trimmingCharacters(in: .whitespacesAndNewlines))\n"
        text += o.reproStatus == 0 ? "the difference shows: \(dir)/repro.sh\n" : "reduced.c does not show the difference (repro.sh exit \(o.reproStatus.map(String.init) ?? "killed"))\n"
        text += "files: \(dir)/reduced.c, commands.txt, wrong.out, agreeing.out, repro.sh, test.sh\n"
        return text
    }
}
