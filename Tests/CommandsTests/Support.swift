import Foundation
import Testing

/// What `toolgate` printed and how it ended.
struct Run: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
    var timedOut: Bool
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
}

/// The built `toolgate` executable: beside the test bundle in the same build directory
/// (`swift build --build-tests` builds it), else under the package's .build/debug.
enum ToolgateBinary {
    static func locate() throws -> String {
        var candidates: [String] = []
        if let exe = Bundle.main.executableURL {
            candidates.append(exe.deletingLastPathComponent().appendingPathComponent("toolgate").path)
        }
        let arg0 = URL(fileURLWithPath: CommandLine.arguments[0])
        candidates.append(arg0.deletingLastPathComponent().appendingPathComponent("toolgate").path)
        // An .xctest bundle directory: its executable sits a few levels down.
        var dir = arg0
        for _ in 0..<4 {
            dir = dir.deletingLastPathComponent()
            candidates.append(dir.appendingPathComponent("toolgate").path)
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates += [".build-tests/debug/toolgate", ".build/debug/toolgate"].map { root.appendingPathComponent($0).path }
        for c in candidates {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: c, isDirectory: &isDir), !isDir.boolValue,
                FileManager.default.isExecutableFile(atPath: c)
            {
                return c
            }
        }
        throw HarnessError(description: "the 'toolgate' executable was not found (run 'swift build --build-tests' first); looked in:\n"
            + candidates.joined(separator: "\n"))
    }

    /// Runs `toolgate ARGS` with a time limit; output goes to files so a large JSON array never blocks.
    /// Where `run` keeps its build cache in tests unless a test says otherwise: never the user's ~/.cache.
    static let cacheHome = FileManager.default.temporaryDirectory.path + "/toolgate-test-cache-\(getpid())"

    static func run(_ arguments: [String], timeout: Double = 120, environment: [String: String] = [:]) throws -> Run {
        let binary = try locate()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("toolgate-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out"), errURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.environment = ProcessInfo.processInfo.environment.merging(["XDG_CACHE_HOME": cacheHome]) { _, new in new }
            .merging(environment) { _, new in new }
        process.standardOutput = out
        process.standardError = err
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        var timedOut = false
        if done.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            done.wait()
        }
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        return Run(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "",
            timedOut: timedOut)
    }

    /// Builds a small program with gcc into `directory`, with a time limit.
    static func compileHello(into directory: URL, name: String, flags: [String] = []) throws -> String {
        let source = directory.appendingPathComponent("\(name).c")
        try "#include <stdio.h>\nint main(void) { puts(\"hi\"); return 0; }\n".write(to: source, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent(name).path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gcc"] + flags + [source.path, "-o", output]
        process.standardInput = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        if done.wait(timeout: .now() + 120) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            throw HarnessError(description: "gcc timed out building \(name)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw HarnessError(description: "gcc failed (status \(process.terminationStatus)) building \(name); is 'gcc' installed?")
        }
        return output
    }
}

/// A temporary directory for one test.
final class TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("toolgate-cmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// Parses stdout as the JSON array `--json` promises.
func jsonArray(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
    let value = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    guard let array = value as? [[String: Any]] else {
        throw HarnessError(description: "stdout is not a JSON array of objects: \(text.prefix(300))")
    }
    return array
}
