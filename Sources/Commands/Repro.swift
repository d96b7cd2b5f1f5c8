import ArgumentParser
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        try process.run()
        process.waitUntilExit()
        throw ExitCode(process.terminationStatus)
    }
}

/// The script text: pure, so tests can check it without a report.
enum ReproScript {
    static func render(_ record: CellRecord) -> String {
        var text = "#!/bin/sh\n# toolgate repro \(record.id)\n# recorded status: \(record.status.rawValue)"
        if let reason = record.reason { text += ": " + reason.replacingOccurrences(of: "\n", with: " ") }
        text += "\nset -e\n"
        for (i, c) in record.commands.enumerated() {
            let env = c.env.keys.sorted().map { "\($0)=\(ShellWords.quote(c.env[$0] ?? ""))" }
            let limits = c.limits.isEmpty ? [] : ["prlimit"] + c.limits + ["--"]
            let line = (env.isEmpty ? "" : "env " + env.joined(separator: " ") + " ") + ShellWords.join(limits + c.argv)
            text += "\n# \(c.step.rawValue)\nmkdir -p \(ShellWords.quote(c.cwd))\ncd \(ShellWords.quote(c.cwd))\n"
            if c.step == .run || i == record.commands.count - 1 {
                // The last step's status is the script's: no `set -e` surprise before it is printed.
                text += "set +e\n\(line)\nstatus=$?\necho \"toolgate repro: \(c.step.rawValue) exited $status\" >&2\nexit $status\n"
            } else {
                text += line + "\n"
            }
        }
        return text
    }
}
