import Foundation

/// C-Vise's own pass group ("all"), reordered for a Csmith program under a time limit: its `lines 0` pass
/// (each top-level form on one line, whole forms deleted) runs right after the first
/// `replace-function-def-with-decl` (which empties function bodies, the big win on a Csmith program),
/// instead of after `remove-unused-function` and the blank-line pass, which on a Csmith program take
/// minutes for a few percent. Nothing is added or removed but `blank`, which only strips blank lines
/// (`lines 0` does too).
enum CVisePassGroup {
    /// One of C-Vise's helpers, `topformflat` or `clang_delta` (Debian: /usr/lib/cvise/NAME), beside the `cvise`
    /// found on PATH.
    static func tool(_ name: String, cvise: String) -> String? {
        guard let prefix = prefix(of: cvise) else { return nil }
        for path in ["lib/cvise/\(name)", "libexec/cvise/\(name)", "libexec/\(name)"] {
            let candidate = prefix.appendingPathComponent(path).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    private static func prefix(of cvise: String) -> URL? {
        guard let binary = ExecutableLookup.resolve(cvise) else { return nil }
        return URL(fileURLWithPath: binary).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Writes the reordered group to `path`; false when C-Vise's group file is not where Debian puts it
    /// (then C-Vise runs with its defaults).
    static func write(to path: String, cvise: String) -> Bool {
        guard let prefix = prefix(of: cvise) else { return false }
        let source = prefix.appendingPathComponent("share/cvise/pass_groups/all.json").path
        guard let data = FileManager.default.contents(atPath: source),
              var group = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              var first = group["first"] as? [[String: Any]]
        else { return false }
        func isPass(_ p: [String: Any], _ name: String, _ arg: String? = nil) -> Bool {
            p["pass"] as? String == name && (arg == nil || p["arg"] as? String == arg)
        }
        guard let lines0 = first.firstIndex(where: { isPass($0, "lines", "0") }),
              let bodies = first.firstIndex(where: { isPass($0, "clangbinarysearch", "replace-function-def-with-decl") }), bodies < lines0
        else { return false }
        let pass = first.remove(at: lines0)
        first.insert(pass, at: bodies + 1)
        first.removeAll { isPass($0, "blank") }
        // Statements nested deeper than 4 are rare in a Csmith program of a few functions: there `lines 6`,
        // `8` and `10` lay it out as `lines 4` did and retry the same deletions (the main group runs them again).
        first.removeAll { isPass($0, "lines", "6") || isPass($0, "lines", "8") || isPass($0, "lines", "10") }
        // After `lines 2` most statements are gone; what keeps a global alive is its use in the big
        // expressions left. Calls replaced by values, unused variables removed and whole forms deleted
        // again take the top-level forms down before `lines 3` and `4` chip at single lines.
        if let lines2 = first.firstIndex(where: { isPass($0, "lines", "2") }) {
            first.insert(contentsOf: [["pass": "clang", "arg": "callexpr-to-value"], ["pass": "clangbinarysearch", "arg": "remove-unused-var"],
                                      ["pass": "lines", "arg": "0"]], at: lines2 + 1)
        }
        group["first"] = first
        guard let out = try? JSONSerialization.data(withJSONObject: group, options: [.prettyPrinted, .sortedKeys]) else { return false }
        return FileManager.default.createFile(atPath: path, contents: out)
    }
}
