/// The prerequisites of a Make-syntax dependency file, as `cc -MD -MF` and `ld --dependency-file` write it:
/// `target: dep dep \` continuation lines, then (ld, `-MP`) one empty `dep:` rule per prerequisite.
///
/// Escapes follow what GCC writes: `\ ` is a space in a name, `$$` a dollar, `\#` a hash; a backslash
/// before anything else is part of the name. Returns nil when the text has no rule at all (a dependency
/// file that is empty or cut short is no evidence, and the step is then not stored).
/// It reads UTF-8 bytes, not Characters: every byte the syntax gives meaning to is ASCII, and a step's
/// dependency file names hundreds of headers (grapheme breaking cost more than the rest of the parse).
package enum DependencyFile {
    package static func prerequisites(_ text: String) -> [String]? {
        var names: [String] = []
        var seen: Set<String> = []
        var sawRule = false
        for rule in logicalLines(Array(text.utf8)) {
            guard let colon = ruleColon(rule) else { continue }
            sawRule = true
            for name in words(rule[(colon + 1)...]) where seen.insert(name).inserted {
                names.append(name)
            }
        }
        return sawRule ? names : nil
    }

    private static let newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r"), backslash = UInt8(ascii: "\\")
    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), colon = UInt8(ascii: ":")
    private static let hash = UInt8(ascii: "#"), dollar = UInt8(ascii: "$")

    /// Lines joined across backslash-newline (a line's trailing CR dropped first).
    private static func logicalLines(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        for raw in bytes.split(separator: newline, omittingEmptySubsequences: false) {
            var line = raw
            if line.last == cr { line = line.dropLast() }
            let n = line.count
            if n >= 1, line.last == backslash, !(n >= 2 && line[line.endIndex - 2] == backslash) {
                current += line.dropLast()
                current.append(space)
            } else {
                current += line
                lines.append(current)
                current = []
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// The colon that ends the targets: the first one followed by a space or the end, so that a
    /// Windows-style `C:/x` in a target does not count.
    private static func ruleColon(_ line: [UInt8]) -> Int? {
        var i = 0
        while i < line.count {
            if line[i] == backslash {
                i += 2
                continue
            }
            if line[i] == colon {
                let next = i + 1
                if next == line.count || line[next] == space || line[next] == tab { return i }
            }
            i += 1
        }
        return nil
    }

    private static func words(_ text: ArraySlice<UInt8>) -> [String] {
        var out: [String] = []
        var word: [UInt8] = []
        var i = text.startIndex
        func flush() {
            if !word.isEmpty { out.append(String(decoding: word, as: UTF8.self)) }
            word.removeAll(keepingCapacity: true)
        }
        while i < text.endIndex {
            let c = text[i]
            let next = i + 1
            if c == backslash, next < text.endIndex, text[next] == space || text[next] == hash {
                word.append(text[next])
                i = next + 1
                continue
            }
            if c == dollar, next < text.endIndex, text[next] == dollar {
                word.append(dollar)
                i = next + 1
                continue
            }
            if c == space || c == tab { flush() } else { word.append(c) }
            i = next
        }
        flush()
        return out
    }
}
