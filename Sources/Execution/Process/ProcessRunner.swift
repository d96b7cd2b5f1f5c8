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
        // A relative path with a slash (`./prog`) is the step's, as the child's exec will see it.
        guard let command = argv.first,
              ExecutableLookup.resolve(command.hasPrefix("/") || !command.contains("/") ? command : request.cwd + "/" + command) != nil
        else {
            let name = argv.first ?? "(empty)"
            try? "toolgate: '\(name)': command not found\n".write(toFile: request.stderrPath, atomically: false, encoding: .utf8)
            FileManager.default.createFile(atPath: request.stdoutPath, contents: nil)
            return StepResult(exitCode: 127, signal: nil, timedOut: false, durationMs: elapsed(), launchError: "'\(name)': command not found")
        }
        let fm = FileManager.default
        fm.createFile(atPath: request.stdoutPath, contents: nil)
        fm.createFile(atPath: request.stderrPath, contents: nil)
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
        argv = SignalReset.wrap(argv)
        guard let executable = ExecutableLookup.resolve("perl") else {
            return StepResult(exitCode: 127, signal: nil, timedOut: false, durationMs: elapsed(), launchError: "'perl' not found (apt-get install perl-base)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(argv.dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: request.cwd)
        process.environment = ProcessInfo.processInfo.environment.merging(request.env) { _, new in new }
        process.standardInput = input
        process.standardOutput = out
        process.standardError = err

        let state = StepState()
        var timer: Task<Void, Never>?
        let launched: String? = await withCheckedContinuation { (done: CheckedContinuation<String?, Never>) in
            process.terminationHandler = { _ in done.resume(returning: nil) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                done.resume(returning: "cannot start '\(executable)': \(error.localizedDescription)")
                return
            }
            let pid = process.processIdentifier
            ProcessGroups.shared.add(pid)
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

/// What the timeout timer and the waiting step share.
private final class StepState: Sendable {
    let finished = Atomic<Bool>(false)
    let timedOut = Atomic<Bool>(false)
}
