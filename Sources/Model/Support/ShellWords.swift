import Foundation

/// Shell-like word splitting without a shell, by POSIX sh's quoting rules: blanks separate words; single
/// quotes keep everything; inside double quotes a backslash escapes only `$`, `` ` ``, `"`, `\` and a newline,
/// and is kept before anything else (`"C:\dir"` is `C:\dir`); outside quotes a backslash escapes the next
/// character. A backslash-newline is removed (a line continuation); a backslash at the very end is kept.
package enum ShellWords {
    package static func split(_ text: String) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for c in text {
            if escaped {
                escaped = false
                if c == "\n" { continue }
                inWord = true
                // Inside double quotes the backslash stays unless it escapes one of the five.
                if quote == "\"", !Self.escapableInDoubleQuotes.contains(c) { word.append("\\") }
                word.append(c)
                continue
            }
            switch (quote, c) {
            case (nil, "\\"), ("\"", "\\"):
                // A word only once something follows: a backslash-newline between blanks makes none.
                escaped = true
            case (nil, "'"), (nil, "\""):
                quote = c
                inWord = true
            case ("'", "'"), ("\"", "\""):
                quote = nil
            case (nil, _) where c == " " || c == "\t":
                if inWord { words.append(word) }
                word = ""
                inWord = false
            default:
                word.append(c)
                inWord = true
            }
        }
        if escaped {
            word.append("\\")
            inWord = true
        }
        if inWord { words.append(word) }
        return words
    }

    /// What a backslash escapes inside double quotes (POSIX sh 2.2.3; the newline is handled apart).
    private static let escapableInDoubleQuotes: Set<Character> = ["$", "`", "\"", "\\"]

    /// Quotes one word for a POSIX shell, only when it needs it.
    package static func quote(_ word: String) -> String {
        // By UTF-8 byte, against a table made once: every report line and log quotes each argv word, and a
        // Set of Characters built per call was most of a run's log-writing time. A word is safe exactly when
        // each byte is one of the safe ASCII characters (a non-ASCII or combined Character never is).
        if !word.isEmpty, word.utf8.allSatisfy({ $0 < 128 && safeASCII[Int($0)] }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private static let safeASCII: [Bool] = {
        var table = [Bool](repeating: false, count: 128)
        for b in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%".utf8 { table[Int(b)] = true }
        return table
    }()

    package static func join(_ argv: [String]) -> String {
        argv.map(quote).joined(separator: " ")
    }
}
