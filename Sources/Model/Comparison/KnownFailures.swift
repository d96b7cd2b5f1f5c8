/// One entry of a known-failures file: failures of matching cells are expected until the expiry date.
package struct KnownFailure: Sendable, Equatable {
    /// A glob over the cell id (`*` and `?`), e.g. `fortify/clang/*`.
    package var pattern: String
    /// YYYY-MM-DD; the entry is an error after this day.
    package var expires: String
    package var reason: String
    /// Where it was written: `known-failures.txt:3`.
    package var location: String

    package init(pattern: String, expires: String, reason: String, location: String) {
        self.pattern = pattern
        self.expires = expires
        self.reason = reason
        self.location = location
    }

    package func matches(_ id: String) -> Bool { Glob.matches(Array(pattern), Array(id)) }
}

package struct KnownFailuresError: Error, Sendable, Equatable, CustomStringConvertible {
    package var location: String
    package var message: String
    package var description: String { "\(location): error: \(message)" }
}

/// The known-failures file: one entry a line, `PATTERN EXPIRY REASON...` separated by blanks; `#` starts
/// a comment, blank lines are ignored (docs/compare.md).
package enum KnownFailuresParser {
    /// `today` is YYYY-MM-DD; an entry whose expiry is before it is an error naming its line.
    package static func parse(_ text: String, file: String, today: String) throws(KnownFailuresError) -> [KnownFailure] {
        var entries: [KnownFailure] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let location = "\(file):\(index + 1)"
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if words.isEmpty { continue }
            guard words.count >= 3 else {
                throw KnownFailuresError(
                    location: location, message: "expected 'PATTERN YYYY-MM-DD REASON', got '\(line.trimmingBlanks)'")
            }
            let expires = String(words[1])
            guard isDate(expires) else {
                throw KnownFailuresError(location: location, message: "'\(expires)' is not a date; expected YYYY-MM-DD")
            }
            if expires < today {
                throw KnownFailuresError(
                    location: location, message: "entry for '\(words[0])' expired on \(expires); fix the failure or renew the entry")
            }
            entries.append(KnownFailure(
                pattern: String(words[0]), expires: expires, reason: words[2...].joined(separator: " "), location: location))
        }
        return entries
    }

    /// YYYY-MM-DD with a month 01-12 and a day 01-31.
    static func isDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let month = Int(parts[1]), let day = Int(parts[2])
        else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}

extension Substring {
    fileprivate var trimmingBlanks: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" }).reversed())
    }
}
