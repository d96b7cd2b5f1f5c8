import Foundation

/// What a finished (or killed) child process left behind.
public struct ProcessOutput: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    public var timedOut: Bool
    public var commandLine: String

    public init(status: Int32, stdout: String, stderr: String, timedOut: Bool, commandLine: String = "") {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
        self.timedOut = timedOut
        self.commandLine = commandLine
    }

    public var succeeded: Bool { status == 0 && !timedOut }
}

/// Why a helper could not do its job. A missing tool is a failure that names the tool: CI installs
/// everything (scripts/install-deps.sh), so nothing here is ever skipped.
public struct SpawnError: Error, CustomStringConvertible {
    public var description: String

    public init(description: String) { self.description = description }

    public static func missingTool(_ name: String) -> SpawnError {
        SpawnError(description: "required tool '\(name)' not found on PATH; scripts/install-deps.sh installs it")
    }
}

/// The name the command suites knew it by.
public typealias HarnessError = SpawnError

/// Runs programs with a time limit on every one of them. Output goes to files, not pipes, so a chatty
/// child can never block on a full pipe while we wait for it.
public enum Spawn {
    /// The default limit for one compiler, linker or readelf call.
    public static let defaultTimeout: Duration = .seconds(120)

    public static func which(_ name: String) -> String? {
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

    @discardableResult
    public static func require(_ name: String) throws -> String {
        guard let found = which(name) else { throw SpawnError.missingTool(name) }
        return found
    }

    /// Runs `tool` (looked up on PATH) and waits at most `timeout`; a child still running then is sent
    /// SIGTERM, SIGKILL 2 s later, and the result says `timedOut`. `environment` is laid over the test's own.
    @discardableResult
    public static func run(
        _ tool: String, _ arguments: [String], in directory: URL? = nil,
        environment: [String: String] = [:], timeout: Duration = defaultTimeout
    ) throws -> ProcessOutput {
        try launch(
            executable: try require(tool), arguments: arguments, shownAs: tool, in: directory,
            environment: environment, timeout: seconds(timeout), grace: 2)
    }

    /// Like `run`, but a non-zero exit or a timeout is an error carrying the command line and stderr.
    @discardableResult
    public static func check(
        _ tool: String, _ arguments: [String], in directory: URL? = nil,
        environment: [String: String] = [:], timeout: Duration = defaultTimeout
    ) throws -> ProcessOutput {
        let out = try run(tool, arguments, in: directory, environment: environment, timeout: timeout)
        guard out.succeeded else {
            let why = out.timedOut ? "timed out after \(timeout)" : "exit status \(out.status)"
            throw SpawnError(description: "\(out.commandLine): \(why)\n\(out.stderr)")
        }
        return out
    }

    public static func shellQuoted(_ s: String) -> String {
        let safe = s.allSatisfy { $0.isLetter || $0.isNumber || "-_./=,:+@%".contains($0) }
        return safe && !s.isEmpty ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The one place a helper starts a child: stdin from /dev/null, stdout and stderr to files in a
    /// scratch directory, a time limit. At the limit the child gets SIGTERM and, `grace` seconds later,
    /// SIGKILL; a `grace` of 0 sends SIGKILL at once.
    static func launch(
        executable: String, arguments: [String], shownAs name: String, in directory: URL?,
        environment: [String: String], timeout: Double, grace: Double
    ) throws -> ProcessOutput {
        BlockingTests.checkAllowed("waiting for '\(name)'")
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
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outHandle
        process.standardError = errHandle
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()

        var timedOut = false
        if done.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            if grace > 0 { process.terminate() }
            if grace <= 0 || done.wait(timeout: .now() + grace) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                done.wait()
            }
        }
        process.waitUntilExit()
        try? outHandle.close()
        try? errHandle.close()
        return ProcessOutput(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "",
            timedOut: timedOut,
            commandLine: ([name] + arguments).map(shellQuoted).joined(separator: " "))
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
