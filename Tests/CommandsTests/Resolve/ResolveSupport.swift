import Foundation
import Testing

/// Builds libraries and programs with gcc, lays out roots, and runs `toolgate resolve`: the parts the
/// resolve suites share.
enum ResolveSupport {
    /// gcc with a time limit; a failure carries its stderr.
    static func gcc(_ arguments: [String], in dir: URL) throws {
        try Spawn.check("gcc", arguments, in: dir)
    }

    /// A shared library `name` (its soname too) from C source, with an optional version script.
    @discardableResult
    static func library(_ name: String, source: String, versionScript: String? = nil, extra: [String] = [],
                        in dir: URL) throws -> String {
        let stem = name.replacingOccurrences(of: ".", with: "_")
        try source.write(to: dir.appendingPathComponent("\(stem).c"), atomically: true, encoding: .utf8)
        var args = ["-shared", "-fPIC", "-o", name, "\(stem).c", "-Wl,-soname,\(name)"]
        if let versionScript {
            try versionScript.write(to: dir.appendingPathComponent("\(stem).map"), atomically: true, encoding: .utf8)
            args.append("-Wl,--version-script=\(stem).map")
        }
        try gcc(args + extra, in: dir)
        return dir.appendingPathComponent(name).path
    }

    /// A program from C source, linked with `flags` (libraries, rpaths).
    @discardableResult
    static func program(_ name: String, source: String, flags: [String] = [], in dir: URL) throws -> String {
        try source.write(to: dir.appendingPathComponent("\(name).c"), atomically: true, encoding: .utf8)
        try gcc(["-o", name, "\(name).c"] + flags, in: dir)
        return dir.appendingPathComponent(name).path
    }

    /// A root holding the host's x86_64 loader and libc.so.6 where a Debian root has them, and nothing else.
    static func minimalRoot(at root: URL) throws {
        let fm = FileManager.default
        for (from, to) in [("/lib64/ld-linux-x86-64.so.2", "lib64/ld-linux-x86-64.so.2"),
                           ("/lib/x86_64-linux-gnu/libc.so.6", "lib/x86_64-linux-gnu/libc.so.6")] {
            let target = root.appendingPathComponent(to)
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(atPath: URL(fileURLWithPath: from).resolvingSymlinksInPath().path, toPath: target.path)
        }
    }

    static func copy(_ from: String, into root: URL, at path: String) throws {
        let target = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.copyItem(atPath: from, toPath: target.path)
    }

    /// `toolgate resolve ARGS --json`, parsed: the run and its array.
    static func resolveJSON(_ arguments: [String], timeout: Double = 60) throws -> (Run, [[String: Any]]) {
        let run = try ToolgateBinary.run(["resolve", "--json"] + arguments, timeout: timeout)
        #expect(!run.timedOut, "resolve timed out: \(arguments)")
        return (run, try jsonArray(run.stdout))
    }

    static func problems(_ element: [String: Any]) -> [(kind: String, message: String)] {
        ((element["problems"] as? [[String: Any]]) ?? []).map {
            (($0["kind"] as? String) ?? "", ($0["message"] as? String) ?? "")
        }
    }

    static func notes(_ element: [String: Any]) -> [String] { (element["notes"] as? [String]) ?? [] }

    /// name → (path, via) of every object but the input.
    static func objects(_ element: [String: Any]) -> [String: (path: String, via: String)] {
        var out: [String: (String, String)] = [:]
        for o in (element["objects"] as? [[String: Any]]) ?? [] {
            guard let via = o["via"] as? String, via != "input", let name = o["name"] as? String else { continue }
            out[name] = ((o["path"] as? String) ?? "", via)
        }
        return out
    }
}
