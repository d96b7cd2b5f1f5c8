import Foundation
import Model

/// Runs one step through the launcher (Launcher.swift): stdin from /dev/null, stdout and stderr to files,
/// a clean signal state, its own process group, and for run steps their resource limits; a timeout kills
/// the whole group, and so does the end of the step's main process (what it left behind goes too).
package enum ProcessRunner {
    package static func run(_ request: StepRequest) async -> StepResult {
        let start = ContinuousClock.now
        func elapsed() -> Int { Int((ContinuousClock.now - start) / .milliseconds(1)) }
        /// Nothing ran: the step's output files say why, as a run's would.
        func notStarted(_ message: String, exitCode: Int? = nil) -> StepResult {
            _ = FileManager.default.createFile(atPath: request.stdoutPath, contents: nil)
            try? "toolgate: \(message)\n".write(toFile: request.stderrPath, atomically: false, encoding: .utf8)
            return StepResult(exitCode: exitCode, signal: nil, timedOut: false, durationMs: elapsed(), launchError: message)
        }
        let argv = request.argv
        guard let executable = argv.first.flatMap({ resolve($0, in: request.cwd) }) else {
            return notStarted("'\(argv.first ?? "(empty)")': command not found", exitCode: 127)
        }
        // An interrupted run starts nothing more; a start already under way is killed as it registers.
        let registry = ProcessGroups.current
        guard registry.reserveStart() else {
            return StepResult(exitCode: nil, signal: nil, timedOut: false, durationMs: elapsed(), launchError: interruptedMessage)
        }
        let spec = Launcher.Spec(
            executable: executable, argv: argv,
            environment: ProcessInfo.processInfo.environment.merging(request.env) { _, new in new }, cwd: request.cwd,
            stdout: .file(request.stdoutPath), stderr: .file(request.stderrPath), limits: request.resourceLimits)
        let pid: Int32
        switch await startRetryingBusy(spec) {
        case .success(let started): pid = started
        case .failure(.execFailed):
            // The child wrote "toolgate: cannot run ..." to the step's stderr and exited 127, as a shell's
            // child does: a program the kernel cannot load (a missing interpreter) is the step's failure.
            registry.cancelStart()
            return StepResult(exitCode: 127, signal: nil, timedOut: false, durationMs: elapsed(), launchError: nil)
        case .failure(let failure):
            registry.cancelStart()
            return notStarted(failure.description)
        }
        registry.add(pid, outputs: request.outputPaths)
        // The waiting thread keeps the timeout, and once the step is over kills whatever it left behind in
        // its group (a wrapper's background child); the group leaves the registry before the pid is free.
        let (ending, timedOut) = await Launcher.wait(pid, timeoutSeconds: request.timeoutSeconds) { registry.remove(pid) }
        switch ending {
        case .exited(let code):
            return StepResult(exitCode: code, signal: nil, timedOut: timedOut, durationMs: elapsed(), launchError: nil)
        case .signaled(let signal):
            return StepResult(
                exitCode: nil, signal: SignalNames.name(of: Int(signal)), timedOut: timedOut, durationMs: elapsed(), launchError: nil)
        case .unwaitable(let error):
            let message = "cannot wait for '\(argv[0])': \(Launcher.errorText(error))"
            return StepResult(exitCode: nil, signal: nil, timedOut: timedOut, durationMs: elapsed(), launchError: message)
        }
    }
}

extension ProcessRunner {
    /// Starts the process, again after a pause while execve says ETXTBSY. A program is busy when some
    /// process holds it open for writing: any child being started at that moment holds a copy of
    /// toolgate's descriptors until it closes them (microseconds, longer on a loaded machine), and a
    /// binary just restored from the cache or linked may be among them. Up to about a second in all.
    static func startRetryingBusy(_ spec: Launcher.Spec) async -> Result<Int32, Launcher.Failure> {
        var result = Launcher.start(spec)
        var pause = 2
        // An interrupt waits for starts under way (ProcessGroups.waitForStarts): stop retrying at once.
        while case .failure(let f) = result, f.isTextBusy, pause <= 512, !ProcessGroups.current.isClosed {
            try? await Task.sleep(for: .milliseconds(pause))
            pause *= 2
            result = Launcher.start(spec)
        }
        return result
    }

    /// The launch error of a step refused because the run is being interrupted.
    package static let interruptedMessage = "not started: toolgate is being interrupted"

    /// A relative path with a slash (`./prog`) is the step's directory's, as the child's exec sees it.
    static func resolve(_ command: String, in cwd: String) -> String? {
        let usesCwd = command.contains("/") && !command.hasPrefix("/")
        return ExecutableLookup.resolve(usesCwd ? cwd + "/" + command : command)
    }
}
