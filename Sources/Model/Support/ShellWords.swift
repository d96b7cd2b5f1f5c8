import Foundation

/// Shell-like word splitting without a shell: blanks separate words; single quotes keep everything;
/// double quotes keep everything but `\"` and `\\`; a backslash outside quotes escapes the next character.
package enum ShellWords {
    package static func split(_ text: String) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for c in text {
            if escaped {
                word.append(c)
                escaped = false
                continue
            }
            switch (quote, c) {
            case (nil, "\\"), ("\"", "\\"):
                escaped = true
                inWord = true
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
        if inWord { words.append(word) }
        return words
    }

    /// Quotes one word for a POSIX shell, only when it needs it.
    package static func quote(_ word: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
        if !word.isEmpty, word.allSatisfy({ safe.contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    package static func join(_ argv: [String]) -> String {
        argv.map(quote).joined(separator: " ")
    }
}
