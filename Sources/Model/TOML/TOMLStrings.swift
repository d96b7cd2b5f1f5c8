extension TOMLParser {
    /// A basic ("...", """...""") or literal ('...', '''...''') string; the cursor is on its first quote.
    mutating func parseString() throws -> String {
        let start = cursor.location
        if cursor.lookingAt("\"\"\"") { return try parseMultiline(quote: "\"", escapes: true, start: start) }
        if cursor.lookingAt("'''") { return try parseMultiline(quote: "'", escapes: false, start: start) }
        let quote = cursor.current
        let escapes = quote == "\""
        cursor.advance()
        var out = ""
        while true {
            guard let c = cursor.current, !c.isNewline else {
                throw TOMLError("unterminated string", at: start)
            }
            if c == quote {
                cursor.advance()
                return out
            }
            if escapes, c == "\\" {
                out.append(try parseEscape())
            } else {
                out.append(c)
                cursor.advance()
            }
        }
    }

    private mutating func parseMultiline(quote: Character, escapes: Bool, start: SourceLocation) throws -> String {
        let delimiter = String(repeating: quote, count: 3)
        cursor.advance(3)
        // A newline right after the opening delimiter is trimmed.
        if let c = cursor.current, c.isNewline { cursor.advance() }
        var out = ""
        while true {
            guard let c = cursor.current else { throw TOMLError("unterminated string", at: start) }
            if cursor.lookingAt(delimiter) {
                cursor.advance(3)
                // Up to two more quotes belong to the content ("""a"""" is `a"`).
                while cursor.current == quote {
                    if cursor.lookingAt(delimiter) { break }
                    out.append(quote)
                    cursor.advance()
                }
                return out
            }
            if escapes, c == "\\" {
                // A backslash at the end of a line trims the line end and the whitespace after it.
                if let next = cursor.peek(1), next.isNewline || next == " " || next == "\t" {
                    cursor.advance()
                    cursor.skipBlanks()
                    if let n = cursor.current, n.isNewline {
                        while let w = cursor.current, w.isWhitespace { cursor.advance() }
                        continue
                    }
                    throw TOMLError("invalid escape sequence", at: cursor.location)
                }
                out.append(try parseEscape())
            } else {
                out.append(c)
                cursor.advance()
            }
        }
    }

    private mutating func parseEscape() throws -> Character {
        let at = cursor.location
        cursor.advance()  // the backslash
        guard let c = cursor.current else { throw TOMLError("invalid escape sequence", at: at) }
        cursor.advance()
        switch c {
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "b": return "\u{08}"
        case "f": return "\u{0C}"
        case "e": return "\u{1B}"
        case "\"": return "\""
        case "\\": return "\\"
        case "u", "U":
            let count = c == "u" ? 4 : 8
            var hex = ""
            for _ in 0..<count {
                guard let h = cursor.current, h.isHexDigit else {
                    throw TOMLError("invalid unicode escape", at: at)
                }
                hex.append(h)
                cursor.advance()
            }
            guard let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
                throw TOMLError("invalid unicode escape", at: at)
            }
            return Character(scalar)
        default:
            throw TOMLError("invalid escape sequence '\\\(c)'", at: at)
        }
    }
}
