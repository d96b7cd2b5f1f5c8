import ArgumentParser
import Execution
import Foundation
import Model
import Reporting

/// `toolgate repro CELL [--report FILE] [--exec]`: a cell's commands as a shell script that redoes it.
struct Repro: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the commands of a cell as a shell script that redoes it; run them with --exec.",
        discussion: "The script is POSIX sh: every step in its directory, with its environment and, for the run step, its limits.")

    @Argument(help: "A cell id: fixture/compiler/target/link/opt.")
    var cell: String

    @Option(name: .long, help: "The report to read.")
    var report: String = "reports/latest/report.json"

    @Flag(name: .long, help: "Run the script (with sh) instead of printing it; exit with its status.")
    var exec = false

    func run() throws {
        let loaded: Report
        do {
            loaded = try ReportWriter.read(report)
        } catch {
            writeErr("toolgate: error: cannot read '\(report)': \(error.localizedDescription)\n")
            throw ExitCode(2)
        }
        guard let record = loaded.cells.first(where: { $0.id == cell }) else {
            var message = "toolgate: error: no cell '\(cell)' in '\(report)'"
            if let near = EditDistance.nearest(to: cell, in: loaded.cells.map(\.id)) { message += "; did you mean '\(near)'?" }
            writeErr(message + "\n")
            throw ExitCode(2)
        }
        let script = ReproScript.render(record)
        guard exec else {
            writeOut(script)
            return
        }
        // sh runs in a process group of its own, out of the terminal's Ctrl-C: the registry lets an
        // interrupt kill it and whatever it started.
        let interruption = Interruption.install()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        guard ProcessGroups.shared.reserveStart() else { interruption.holdThreadIfStopping(); throw ExitCode(130) }
        do {
            try process.run()
        } catch {
            ProcessGroups.shared.cancelStart()
            throw error
        }
        ProcessGroups.shared.add(process.processIdentifier)
        process.waitUntilExit()
        ProcessGroups.shared.remove(process.processIdentifier)
        interruption.holdThreadIfStopping()
        throw ExitCode(process.terminationStatus)
    }
}
