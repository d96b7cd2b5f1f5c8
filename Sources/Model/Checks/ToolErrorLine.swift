/// The line of a failed compiler or linker's stderr that says what broke: the first real error, never the
/// driver's closing "collect2: error: ld returned 1 exit status" or "clang: error: linker command failed".
package enum ToolErrorLine {
    /// nil for an empty stderr. The linker's own path prefix is shortened ("/usr/bin/ld: cannot find
    /// -lbar" → "ld: cannot find -lbar"); an undefined reference keeps its function ("in function `main'"),
    /// lld's "undefined symbol" the first "referenced by".
    package static func first(in stderr: String) -> String? {
        let lines = stderr.split(separator: "\n").map { $0.trimmingSuffix() }
        let real = lines.indices.filter { !isNoise(lines[$0]) }
        guard let i = real.first(where: { isError(lines[$0]) }) ?? real.first ?? lines.indices.first else { return nil }
        var line = shortenLinker(lines[i])
        if line.contains("undefined reference to"), let context = functionContext(lines, before: i) {
            line += " (\(context))"
        }
        if i + 1 < lines.count, let ref = lines[i + 1].range(of: ">>> referenced by ") {
            line += " (referenced by \(lines[i + 1][ref.upperBound...].trimmingPrefix()))"
        }
        return line
    }

    /// Driver summaries, lld's ">>>" context, notes, warnings and "In function" headers.
    static func isNoise(_ line: Substring) -> Bool {
        let noise = [
            "linker command failed with exit code", "ld returned", "collect2: error", "compilation terminated",
            ": note: ", ": warning: ", "warning: ", "In function", ": in function `", "In file included from", "                 from ",
        ]
        return line.trimmingPrefix().isEmpty || line.hasPrefix(">>>") || line.hasPrefix(" ") && line.contains("|")
            || noise.contains(where: { line.contains($0) })
    }

    static func isError(_ line: Substring) -> Bool {
        let signs = [
            "error", "undefined reference", "multiple definition", "cannot find", "undefined symbol", "can not be used",
            "final link failed", "No such file",
        ]
        return signs.contains(where: { line.contains($0) })
    }

    /// "/usr/bin/ld: x" and "/usr/bin/ld.bfd: x" → "ld: x", "ld.bfd: x"; a source file's path is kept.
    static func shortenLinker(_ line: Substring) -> String {
        guard let colon = line.range(of: ": ") else { return String(line) }
        let tool = line[..<colon.lowerBound]
        guard tool.contains("/"), let base = tool.split(separator: "/").last, base == "ld" || base.hasPrefix("ld.") || base.hasSuffix("-ld")
        else { return String(line) }
        return String(base) + line[colon.lowerBound...]
    }

    /// bfd writes "/usr/bin/ld: main.o: in function `main':" on the line before its undefined reference.
    static func functionContext(_ lines: [Substring], before i: Int) -> String? {
        guard i > 0, let r = lines[i - 1].range(of: "in function `") else { return nil }
        return "in function `" + lines[i - 1][r.upperBound...].trimmingSuffix(while: { $0 == ":" })
    }
}

extension Substring {
    fileprivate func trimmingPrefix() -> Substring { drop(while: { $0 == " " || $0 == "\t" }) }
    fileprivate func trimmingSuffix(while drop: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }) -> Substring {
        var s = self
        while let last = s.last, drop(last) { s.removeLast() }
        return s
    }
}
