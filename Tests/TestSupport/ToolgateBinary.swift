import Foundation

/// The built `toolgate` executable: beside the test bundle in the same build directory
/// (`swift build --build-tests` builds it), else under the package's .build/debug.
public enum ToolgateBinary {
    public static func locate() throws -> String {
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
        candidates += [".build-tests/debug/toolgate", ".build/debug/toolgate"].map(Repository.path)
        for c in candidates {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: c, isDirectory: &isDir), !isDir.boolValue,
                FileManager.default.isExecutableFile(atPath: c)
            {
                return c
            }
        }
        throw SpawnError(description: "the 'toolgate' executable was not found (run 'swift build --build-tests' first); looked in:\n"
            + candidates.joined(separator: "\n"))
    }

    /// Where `run` keeps its build cache in tests unless a test says otherwise: never the user's ~/.cache.
    public static let cacheHome = FileManager.default.temporaryDirectory.path + "/toolgate-test-cache-\(getpid())"

    /// Runs `toolgate ARGS` with a time limit in seconds (SIGKILL when it passes); output goes to files so
    /// a large JSON array never blocks. XDG_CACHE_HOME is `cacheHome`, then `environment` is laid over.
    public static func run(_ arguments: [String], timeout: Double = 120, environment: [String: String] = [:]) throws
        -> ProcessOutput
    {
        try Spawn.launch(
            executable: try locate(), arguments: arguments, shownAs: "toolgate", in: nil,
            environment: ["XDG_CACHE_HOME": cacheHome].merging(environment) { _, new in new },
            timeout: timeout, grace: 0)
    }

    /// Builds a small program with gcc into `directory`, with a time limit.
    public static func compileHello(into directory: URL, name: String, flags: [String] = []) throws -> String {
        let source = directory.appendingPathComponent("\(name).c")
        try "#include <stdio.h>\nint main(void) { puts(\"hi\"); return 0; }\n".write(to: source, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent(name).path
        try Spawn.check("gcc", flags + [source.path, "-o", output])
        return output
    }
}
