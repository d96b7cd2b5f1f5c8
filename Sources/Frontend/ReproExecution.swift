import Execution
import Foundation
import Model

/// `toolgate repro CELL --exec`: the cell's commands run again one by one through the launcher, as the
/// printed script would run them (ReproScript): each in its directory (made if missing), with its
/// environment added to toolgate's, the run step with its recorded limits set by setrlimit in the child
/// (no prlimit process), stdin, stdout and stderr the terminal's. A failing step before the last stops
/// it with that step's status (the script's `set -e`); the run step, or the last, reports its status
/// on stderr and gives it.
package enum ReproExecution {
    package enum Outcome: Equatable {
        case exited(Int32)
        /// The registry is closed: an interrupt came before the step could start.
        case interrupted
    }

    package static func run(_ record: CellRecord, context: RunContext) -> Outcome {
        for (i, c) in record.commands.enumerated() {
            try? FileManager.default.createDirectory(atPath: c.cwd, withIntermediateDirectories: true)
            let environment = context.environment.merging(c.env) { _, step in step }
            let status: Int32
            switch start(c, environment: environment, context: context) {
            case .interrupted: return .interrupted
            case .exited(let s): status = s
            }
            if c.step == .run || i == record.commands.count - 1 {
                context.standardError.write("toolgate repro: \(c.step.rawValue) exited \(status)\n")
                return .exited(status)
            }
            if status != 0 { return .exited(status) }
        }
        return .exited(0)
    }

    private static func start(_ c: CommandRecord, environment: [String: String], context: RunContext) -> Outcome {
        guard let name = c.argv.first else { return .exited(0) }
        // A relative path is the step's own (`./prog` in the cell's directory); a bare name is PATH's.
        let lookup = name.contains("/") && !name.hasPrefix("/") ? c.cwd + "/" + name : name
        guard let executable = ExecutableLookup.resolve(lookup, path: environment["PATH"]) else {
            context.standardError.write("toolgate repro: \(c.step.rawValue): \(name): not found\n")
            return .exited(127)
        }
        guard context.processes.reserveStart() else { return .interrupted }
        let spec = Launcher.Spec(
            executable: executable, argv: c.argv, environment: environment, cwd: c.cwd,
            stdin: .inherited, stdout: .inherited, stderr: .inherited, limits: Launcher.ResourceLimits(prlimitFlags: c.limits))
        let pid: Int32
        switch Launcher.start(spec) {
        case .success(let started): pid = started
        case .failure(let failure):
            context.processes.cancelStart()
            // An exec failure was already told on stderr by the child.
            if case .notStarted(let message) = failure { context.standardError.write("toolgate repro: \(message)\n") }
            return .exited(127)
        }
        context.processes.add(pid)
        let ending = Launcher.waitBlocking(pid) { context.processes.remove(pid) }
        switch ending {
        case .exited(let code): return .exited(Int32(truncatingIfNeeded: code))
        // As a shell reports it: 128 + the signal.
        case .signaled(let signal): return .exited(128 + signal)
        case .unwaitable: return .exited(1)
        }
    }
}
