import Foundation
import Model
import Synchronization

/// Runs one step: stdin from /dev/null, stdout and stderr to files, a clean signal state, its own
/// process group (`Spawn`), a timeout that kills the whole group, and for run steps resource limits
/// through `prlimit` (util-linux), which sets them on itself and then execs the command.
package enum ProcessRunner {
    package static func run(_ request: StepRequest) async -> StepResult {
        let start = ContinuousClock.now
        func elapsed() -> Int { Int((ContinuousClock.now - start) / .milliseconds(1)) }
        var argv = request.argv
        if !request.limitFlags.isEmpty { argv = ["prlimit"] + request.limitFlags + ["--"] + argv }
        /// Nothing ran: the step's output files say why, as a run's would.
        func notStarted(_ message: String, exitCode: Int? = nil) -> StepResult {
            _ = FileManager.default.createFile(atPath: request.stdoutPath, contents: nil)
            try? "toolgate: \(message)\n".write(toFile: request.stderrPath, atomically: false, encoding: .utf8)
            return StepResult(exitCode: exitCode, signal: nil, timedOut: false, durationMs: elapsed(), launchError: message)
        }
        guard let executable = argv.first.flatMap({ resolve($0, in: request.cwd) }) else {
            return notStarted("'\(argv.first ?? "(empty)")': command not found", exitCode: 127)
        }
        // An interrupted run starts nothing more; a start already under way is killed as it registers.
        guard ProcessGroups.shared.reserveStart() else { return notStarted(interruptedMessage) }
        let environment = ProcessInfo.processInfo.environment.merging(request.env) { _, new in new }
        let pid: pid_t
        switch Spawn.start(
            executable: executable, argv: argv, environment: environment, cwd: request.cwd,
            stdout: request.stdoutPath, stderr: request.stderrPath)
        {
        case .success(let started): pid = started
        case .failure(let failure):
            ProcessGroups.shared.cancelStart()
            return notStarted(failure.description)
        }
        ProcessGroups.shared.add(pid, outputs: request.outputPaths)
        let state = StepState()
        let seconds = request.timeoutSeconds
        let timer = Task.detached {
            do { try await Task.sleep(for: .seconds(seconds)) } catch { return }
            guard !state.finished.load(ordering: .sequentiallyConsistent) else { return }
            state.timedOut.store(true, ordering: .sequentiallyConsistent)
            ProcessGroups.kill(group: pid)
        }
        let ending = await Spawn.wait(pid)
        state.finished.store(true, ordering: .sequentiallyConsistent)
        timer.cancel()
        // The step is over: whatever it left behind in its group (a wrapper's background child) goes too.
        ProcessGroups.kill(group: pid)
        ProcessGroups.shared.remove(pid)
        let timedOut = state.timedOut.load(ordering: .sequentiallyConsistent)
        switch ending {
        case .exited(let code):
            return StepResult(exitCode: code, signal: nil, timedOut: timedOut, durationMs: elapsed(), launchError: nil)
        case .signaled(let signal):
            return StepResult(
                exitCode: nil, signal: SignalNames.name(of: Int(signal)), timedOut: timedOut, durationMs: elapsed(), launchError: nil)
        }
    }
}

extension ProcessRunner {
    /// The launch error of a step refused because the run is being interrupted.
    package static let interruptedMessage = "not started: toolgate is being interrupted"

    /// A relative path with a slash (`./prog`) is the step's directory's, as the child's exec sees it.
    static func resolve(_ command: String, in cwd: String) -> String? {
        let usesCwd = command.contains("/") && !command.hasPrefix("/")
        return ExecutableLookup.resolve(usesCwd ? cwd + "/" + command : command)
    }
}

/// What the timeout timer and the waiting step share.
private final class StepState: Sendable {
    let finished = Atomic<Bool>(false)
    let timedOut = Atomic<Bool>(false)
}
