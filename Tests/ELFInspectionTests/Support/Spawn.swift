import Foundation
import Testing

/// What a finished (or killed) child process left behind.
struct ProcessOutput: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
    var timedOut: Bool
    var commandLine: String

    var succeeded: Bool { status == 0 && !timedOut }
}

/// Why a helper could not do its job. A missing tool is a failure that names the tool: CI installs
/// everything (scripts/install-deps.sh), so nothing here is ever skipped.
struct SpawnError: Error, CustomStringConvertible {
    var description: String

    static func missingTool(_ name: String) -> SpawnError {
        SpawnError(description: "required tool '\(name)' not found on PATH; scripts/install-deps.sh installs it")
    }
}

/// Runs programs with a time limit on every one of them. Output goes to files, not pipes, so a chatty
/// child can never block on a full pipe while we wait for it.
enum Spawn {
    /// The default limit for one compiler, linker or readelf call.
    static let defaultTimeout: Duration = .seconds(120)

    static func which(_ name: String) -> String? {
        if name.contains("/") {
            return FileManager.default.isExecutableFile(atPath: name) ? name : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func require(_ name: String) throws -> String {
        guard let found = which(name) else { throw SpawnError.missingTool(name) }
        return found
    }

    /// Runs `tool` (looked up on PATH) and waits at most `timeout`; a child still running then is killed
    /// and the result says `timedOut`.
    @discardableResult
    static func run(
        _ tool: String, _ arguments: [String], in directory: URL? = nil,
        timeout: Duration = defaultTimeout
    ) throws -> ProcessOutput {
        let executable = try require(tool)
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("toolgate-spawn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outHandle
        process.standardError = errHandle
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()

        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        var timedOut = false
        if done.wait(timeout: .now() + seconds) == .timedOut {
            timedOut = true
            process.terminate()
            if done.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                done.wait()
            }
        }
        process.waitUntilExit()
        try? outHandle.close()
        try? errHandle.close()
        let out = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        return ProcessOutput(
            status: process.terminationStatus, stdout: out, stderr: err, timedOut: timedOut,
            commandLine: ([tool] + arguments).map(shellQuoted).joined(separator: " "))
    }

    /// Like `run`, but a non-zero exit or a timeout is an error carrying the command line and stderr.
    @discardableResult
    static func check(
        _ tool: String, _ arguments: [String], in directory: URL? = nil,
        timeout: Duration = defaultTimeout
    ) throws -> ProcessOutput {
        let out = try run(tool, arguments, in: directory, timeout: timeout)
        guard out.succeeded else {
            let why = out.timedOut ? "timed out after \(timeout)" : "exit status \(out.status)"
            throw SpawnError(description: "\(out.commandLine): \(why)\n\(out.stderr)")
        }
        return out
    }

    static func shellQuoted(_ s: String) -> String {
        let safe = s.allSatisfy { $0.isLetter || $0.isNumber || "-_./=,:+@%".contains($0) }
        return safe && !s.isEmpty ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
