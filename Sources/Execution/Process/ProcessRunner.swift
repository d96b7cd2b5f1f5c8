import Foundation
import Model
import Synchronization

/// Runs one step: stdin from /dev/null, stdout and stderr to files, a timeout that kills the whole
/// process group, and for run steps resource limits through `prlimit` (util-linux), which sets them
/// on itself and then execs the command, so no pointer-level spawn code is needed here.
package enum ProcessRunner {
    package static func run(_ request: StepRequest) async -> StepResult {
        let start = ContinuousClock.now
        func elapsed() -> Int { Int((ContinuousClock.now - start) / .milliseconds(1)) }
        var argv = request.argv
        if !request.limitFlags.isEmpty { argv = ["prlimit"] + request.limitFlags + ["--"] + argv }
        guard let command = argv.first, resolve(command, in: request.cwd) != nil else {
            let name = argv.first ?? "(empty)"
            try? "toolgate: '\(name)': command not found\n".write(toFile: request.stderrPath, atomically: false, encoding: .utf8)
            _ = FileManager.default.createFile(atPath: request.stdoutPath, contents: nil)
            return StepResult(exitCode: 127, signal: nil, timedOut: false, durationMs: elapsed(), launchError: "'\(name)': command not found")
        }
        let fm = FileManager.default
        _ = fm.createFile(atPath: request.stdoutPath, contents: nil)  // a failure shows below as no FileHandle
        _ = fm.createFile(atPath: request.stderrPath, contents: nil)
        guard let out = FileHandle(forWritingAtPath: request.stdoutPath),
              let err = FileHandle(forWritingAtPath: request.stderrPath),
              let input = FileHandle(forReadingAtPath: "/dev/null")
        else {
            return StepResult(exitCode: nil, signal: nil, timedOut: false, durationMs: elapsed(), launchError: "cannot open the output files in \(request.cwd)")
        }
        defer {
            try? out.close()
            try? err.close()
            try? input.close()
        }
        // Run steps (those with limits) start with a clean signal state; compilers and linkers do not
        // care, and the reset would cost every compile and link step a Perl start.
        if !request.limitFlags.isEmpty || request.resetSignals { argv = SignalReset.wrap(argv) }
        guard let executable = resolve(argv[0], in: request.cwd) else {
            return StepResult(exitCode: 127, signal: nil, timedOut: false, durationMs: elapsed(), launchError: "'\(argv[0])' not found")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(argv.dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: request.cwd)
        process.environment = ProcessInfo.processInfo.environment.merging(request.env) { _, new in new }
        process.standardInput = input
        process.standardOutput = out
        process.standardError = err

        // An interrupted run starts nothing more; a start already under way is killed as it registers.
        guard ProcessGroups.shared.reserveStart() else {
            return StepResult(exitCode: nil, signal: nil, timedOut: false, durationMs: elapsed(), launchError: interruptedMessage)
        }
        let state = StepState()
        var timer: Task<Void, Never>?
        let launched: String? = await withCheckedContinuation { (done: CheckedContinuation<String?, Never>) in
            process.terminationHandler = { _ in done.resume(returning: nil) }
            do {
                try process.run()
            } catch {
                ProcessGroups.shared.cancelStart()
                process.terminationHandler = nil
                done.resume(returning: "cannot start '\(executable)': \(error.localizedDescription)")
                return
            }
            let pid = process.processIdentifier
            ProcessGroups.shared.add(pid, outputs: request.outputPaths)
            let seconds = request.timeoutSeconds
            timer = Task.detached {
                do { try await Task.sleep(for: .seconds(seconds)) } catch { return }
                guard !state.finished.load(ordering: .sequentiallyConsistent) else { return }
                state.timedOut.store(true, ordering: .sequentiallyConsistent)
                ProcessGroups.kill(group: pid)
            }
        }
        state.finished.store(true, ordering: .sequentiallyConsistent)
        timer?.cancel()
        let pid = process.processIdentifier
        // The step is over: whatever it left behind in its group (a wrapper's background child) goes too.
        ProcessGroups.kill(group: pid)
        ProcessGroups.shared.remove(pid)
        if let launched {
            try? (launched + "\n").write(toFile: request.stderrPath, atomically: false, encoding: .utf8)
            return StepResult(exitCode: nil, signal: nil, timedOut: false, durationMs: elapsed(), launchError: launched)
        }
        let status = Int(process.terminationStatus)
        let bySignal = process.terminationReason == .uncaughtSignal
        return StepResult(
            exitCode: bySignal ? nil : status, signal: bySignal ? SignalNames.name(of: status) : nil,
            timedOut: state.timedOut.load(ordering: .sequentiallyConsistent), durationMs: elapsed(), launchError: nil)
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
