import ArgumentParser
import Execution
import Foundation
import Frontend
import Model
import Reporting

/// `toolgate repro CELL [--report FILE] [--exec]`: a cell's commands as a shell script that redoes it.
struct Repro: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the commands of a cell as a shell script that redoes it; run them with --exec.",
        discussion: "The script is POSIX sh: every step in its directory, with its environment and, for the run step, its limits (as prlimit options). --exec runs the same steps through toolgate's own launcher, which sets the limits itself.")

    @Argument(help: "A cell id: fixture/compiler/target/link/opt.")
    var cell: String

    @Option(name: .long, help: "The report to read.")
    var report: String = "reports/latest/report.json"

    @Flag(name: .long, help: "Run the cell's steps as the script would instead of printing it; exit with its status.")
    var exec = false

    func run() throws {
        // A synchronous command: the context the entry point bound (Toolgate.main(context:)).
        let context = RunContext.current
        let loaded: Report
        do {
            loaded = try ReportWriter.read(report)
        } catch {
            throw Diagnostic.error("cannot read '\(report)': \(error.localizedDescription)")
        }
        guard let record = loaded.cells.first(where: { $0.id == cell }) else {
            var message = "no cell '\(cell)' in '\(report)'"
            if let near = EditDistance.nearest(to: cell, in: loaded.cells.map(\.id)) { message += "; did you mean '\(near)'?" }
            throw Diagnostic.error(message)
        }
        let script = ReproScript.render(record)
        guard exec else {
            writeOut(script)
            return
        }
        // Each step through the same launcher as a run's: a clean signal state, the terminal's stdin, stdout
        // and stderr, a process group of its own (out of the terminal's Ctrl-C: the registry lets an
        // interrupt kill it and whatever it started), and the run step's limits set in the child.
        let interruption = Interruption.install(context)
        let outcome = ReproExecution.run(record, context: context)
        interruption.holdThreadIfStopping()
        switch outcome {
        case .exited(let status): throw ExitCode(status)
        case .interrupted: throw ExitCode(130)
        }
    }
}
