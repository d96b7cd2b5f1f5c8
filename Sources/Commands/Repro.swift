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
        discussion: "The script is POSIX sh: every step in its directory, with its environment and, for the run step, its limits.")

    @Argument(help: "A cell id: fixture/compiler/target/link/opt.")
    var cell: String

    @Option(name: .long, help: "The report to read.")
    var report: String = "reports/latest/report.json"

    @Flag(name: .long, help: "Run the script (with sh) instead of printing it; exit with its status.")
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
        // sh runs through the same launcher as every step: a clean signal state, the terminal's stdin,
        // stdout and stderr, and a process group of its own, out of the terminal's Ctrl-C: the registry
        // lets an interrupt kill it and whatever it started.
        let interruption = Interruption.install(context)
        guard let shell = ExecutableLookup.resolve("/bin/sh") else {
            throw Diagnostic.error("cannot run the script: no /bin/sh", status: 127)
        }
        guard context.processes.reserveStart() else { interruption.holdThreadIfStopping(); throw ExitCode(130) }
        let spec = Launcher.Spec(
            executable: shell, argv: ["sh", "-c", script], environment: context.environment,
            cwd: FileManager.default.currentDirectoryPath, stdin: .inherited, stdout: .inherited, stderr: .inherited)
        let pid: Int32
        switch Launcher.start(spec) {
        case .success(let started): pid = started
        case .failure(let failure):
            context.processes.cancelStart()
            // An exec failure was already told on stderr by the child.
            if case .notStarted(let message) = failure { throw Diagnostic.error(message, status: 127) }
            throw ExitCode(127)
        }
        context.processes.add(pid)
        let ending = Launcher.waitBlocking(pid)
        context.processes.remove(pid)
        interruption.holdThreadIfStopping()
        switch ending {
        case .exited(let code): throw ExitCode(Int32(code))
        // As a shell reports it: 128 + the signal.
        case .signaled(let signal): throw ExitCode(128 + signal)
        case .unwaitable: throw ExitCode(1)
        }
    }
}
