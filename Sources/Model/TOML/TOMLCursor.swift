/// Walks the characters of a TOML document, keeping the line and column of the current one.
struct TOMLCursor {
    private let chars: [Character]
    private(set) var index = 0
    private(set) var line = 1
    private(set) var column = 1

    init(_ text: String) {
        // "\r\n" is one Character in Swift, so line ends need no special case.
        chars = Array(text)
    }

    var location: SourceLocation { SourceLocation(line: line, column: column) }
    var atEnd: Bool { index >= chars.count }
    var current: Character? { index < chars.count ? chars[index] : nil }

    func peek(_ offset: Int = 0) -> Character? {
        let i = index + offset
        return i < chars.count ? chars[i] : nil
    }

    func lookingAt(_ s: String) -> Bool {
        var i = index
        for c in s {
            guard i < chars.count, chars[i] == c else { return false }
            i += 1
        }
        return true
    }

    mutating func advance(_ count: Int = 1) {
        for _ in 0..<count where index < chars.count {
            if chars[index].isNewline {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
    }

    /// Spaces and tabs only.
    mutating func skipBlanks() {
        while let c = current, c == " " || c == "\t" { advance() }
    }

    /// A `#` comment up to (not including) the end of the line.
    mutating func skipComment() {
        guard current == "#" else { return }
        while let c = current, !c.isNewline { advance() }
    }

    /// Blanks, comments and line ends: what may sit between array elements.
    mutating func skipBlanksCommentsAndNewlines() {
        while true {
            skipBlanks()
            skipComment()
            guard let c = current, c.isNewline else { return }
            advance()
        }
    }

    static func isBareKeyCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-")
    }
}
