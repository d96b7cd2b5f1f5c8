/// A Csmith program's output: one line, `checksum = D9927B6C`, the hash of its globals at exit.
package enum Checksum {
    /// The hex digits of the last `checksum = ` line; nil when there is none.
    package static func parse(_ stdout: String) -> String? {
        var found: String?
        for line in stdout.split(separator: "\n") {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("checksum = ") else { continue }
            let value = t.dropFirst("checksum = ".count)
            if !value.isEmpty, value.allSatisfy(\.isHexDigit) { found = String(value) }
        }
        return found
    }
}
