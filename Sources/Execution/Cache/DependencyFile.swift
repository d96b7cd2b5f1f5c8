/// The prerequisites of a Make-syntax dependency file, as `cc -MD -MF` and `ld --dependency-file` write it:
/// `target: dep dep \` continuation lines, then (ld, `-MP`) one empty `dep:` rule per prerequisite.
///
/// Escapes follow what GCC writes: `\ ` is a space in a name, `$$` a dollar, `\#` a hash; a backslash
/// before anything else is part of the name. Returns nil when the text has no rule at all (a dependency
/// file that is empty or cut short is no evidence, and the step is then not stored).
package enum DependencyFile {
    package static func prerequisites(_ text: String) -> [String]? {
        var names: [String] = []
        var seen: Set<String> = []
        var sawRule = false
        for rule in logicalLines(text) {
            guard let colon = ruleColon(rule) else { continue }
            sawRule = true
            for name in words(rule[rule.index(after: colon)...]) where seen.insert(name).inserted {
                names.append(name)
            }
        }
        return sawRule ? names : nil
    }

    /// Lines joined across backslash-newline.
    private static func logicalLines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        var current = ""
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = raw
            if line.hasSuffix("\r") { line = line.dropLast() }
            if line.hasSuffix("\\"), !line.hasSuffix("\\\\") {
                current += line.dropLast() + " "
            } else {
                current += line
                lines.append(Substring(current))
                current = ""
            }
        }
        if !current.isEmpty { lines.append(Substring(current)) }
        return lines
    }

    /// The colon that ends the targets: the first one followed by a space or the end, so that a
    /// Windows-style `C:/x` in a target does not count.
    private static func ruleColon(_ line: Substring) -> String.Index? {
        var i = line.startIndex
        while i < line.endIndex {
            if line[i] == "\\" {
                i = line.index(after: i)
                if i < line.endIndex { i = line.index(after: i) }
                continue
            }
            if line[i] == ":" {
                let next = line.index(after: i)
                if next == line.endIndex || line[next] == " " || line[next] == "\t" { return i }
            }
            i = line.index(after: i)
        }
        return nil
    }

    private static func words(_ text: Substring) -> [String] {
        var out: [String] = []
        var word = ""
        var i = text.startIndex
        func flush() {
            if !word.isEmpty { out.append(word) }
            word = ""
        }
        while i < text.endIndex {
            let c = text[i]
            let next = text.index(after: i)
            if c == "\\", next < text.endIndex, text[next] == " " || text[next] == "#" {
                word.append(text[next])
                i = text.index(after: next)
                continue
            }
            if c == "$", next < text.endIndex, text[next] == "$" {
                word.append("$")
                i = text.index(after: next)
                continue
            }
            if c == " " || c == "\t" { flush() } else { word.append(c) }
            i = next
        }
        flush()
        return out
    }
}
