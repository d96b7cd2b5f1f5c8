/// A small TOML reader for matrix files: tables, dotted headers and keys, arrays, inline tables,
/// basic and literal strings, integers, booleans and comments. Every key and value keeps its
/// line and column. Floats, dates and arrays of tables are refused with a message.
package struct TOMLParser {
    var cursor: TOMLCursor
    private var root = TOMLTable()
    private var currentPath: [(String, SourceLocation)] = []
    /// Arrays and inline tables open around the cursor.
    private var nesting = 0

    /// Deeper nesting, or longer dotted keys, are refused: the parser and the tree it builds recurse once
    /// per level, and a hostile file of 100,000 `[` overflowed the stack. Matrix files use 3 or 4.
    static let maxNesting = 32
    static let maxKeyParts = 32

    package static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        var parser = TOMLParser(cursor: TOMLCursor(text))
        do {
            try parser.parseDocument()
        } catch let error as TOMLError {
            throw error
        } catch {
            throw TOMLError("\(error)", at: parser.cursor.location)
        }
        return parser.root
    }

    private init(cursor: TOMLCursor) {
        self.cursor = cursor
    }

    private mutating func parseDocument() throws {
        while true {
            cursor.skipBlanksCommentsAndNewlines()
            guard let c = cursor.current else { return }
            if c == "[" {
                try parseHeader()
            } else {
                let key = try parseKey()
                let value = try parseKeyValueRest()
                try Self.insert(path: currentPath + key, value: value, into: &root, depth: 0)
            }
            try expectEndOfLine()
        }
    }

    private mutating func expectEndOfLine() throws {
        cursor.skipBlanks()
        cursor.skipComment()
        guard let c = cursor.current else { return }
        guard c.isNewline else { throw TOMLError("expected the end of the line, found '\(c)'", at: cursor.location) }
        cursor.advance()
    }

    private mutating func parseHeader() throws {
        let at = cursor.location
        if cursor.lookingAt("[[") { throw TOMLError("arrays of tables are not supported", at: at) }
        cursor.advance()
        cursor.skipBlanks()
        let path = try parseKey()
        cursor.skipBlanks()
        guard cursor.current == "]" else { throw TOMLError("expected ']' to close the table header", at: cursor.location) }
        cursor.advance()
        try Self.defineTable(path: path[...], in: &root)
        currentPath = path
    }

    /// A dotted key: `a`, `a.b`, `"quoted key".c`.
    private mutating func parseKey() throws -> [(String, SourceLocation)] {
        var parts: [(String, SourceLocation)] = []
        while true {
            cursor.skipBlanks()
            let at = cursor.location
            guard let c = cursor.current else { throw TOMLError("expected a key", at: at) }
            if c == "\"" || c == "'" {
                parts.append((try parseString(), at))
            } else if TOMLCursor.isBareKeyCharacter(c) {
                var name = ""
                while let k = cursor.current, TOMLCursor.isBareKeyCharacter(k) {
                    name.append(k)
                    cursor.advance()
                }
                parts.append((name, at))
            } else {
                throw TOMLError("expected a key, found '\(c)'", at: at)
            }
            cursor.skipBlanks()
            guard cursor.current == "." else { return parts }
            guard parts.count < Self.maxKeyParts else {
                throw TOMLError("a dotted key of more than \(Self.maxKeyParts) parts", at: cursor.location)
            }
            cursor.advance()
        }
    }

    /// `= value` after a key.
    private mutating func parseKeyValueRest() throws -> TOMLNode {
        cursor.skipBlanks()
        guard cursor.current == "=" else { throw TOMLError("expected '=' after the key", at: cursor.location) }
        cursor.advance()
        cursor.skipBlanks()
        return try parseValue()
    }

    mutating func parseValue() throws -> TOMLNode {
        let at = cursor.location
        guard let c = cursor.current, !c.isNewline else { throw TOMLError("expected a value", at: at) }
        switch c {
        case "\"", "'":
            return TOMLNode(.string(try parseString()), at: at)
        case "[", "{":
            guard nesting < Self.maxNesting else {
                throw TOMLError("arrays and inline tables nested more than \(Self.maxNesting) deep", at: at)
            }
            nesting += 1
            defer { nesting -= 1 }
            return c == "[" ? TOMLNode(.array(try parseArray()), at: at) : TOMLNode(.table(try parseInlineTable()), at: at)
        default:
            var word = ""
            while let w = cursor.current, TOMLCursor.isBareKeyCharacter(w) || w == "+" || w == "." || w == ":" {
                word.append(w)
                cursor.advance()
            }
            if word == "true" { return TOMLNode(.boolean(true), at: at) }
            if word == "false" { return TOMLNode(.boolean(false), at: at) }
            if let n = try Self.integer(word, at: at) { return TOMLNode(.integer(n), at: at) }
            if word.isEmpty { throw TOMLError("expected a value, found '\(c)'", at: at) }
            throw TOMLError("unsupported value '\(word)'; expected a string, an integer, a boolean, an array or a table", at: at)
        }
    }

    private mutating func parseArray() throws -> [TOMLNode] {
        cursor.advance()  // [
        var items: [TOMLNode] = []
        while true {
            cursor.skipBlanksCommentsAndNewlines()
            if cursor.current == "]" {
                cursor.advance()
                return items
            }
            items.append(try parseValue())
            cursor.skipBlanksCommentsAndNewlines()
            if cursor.current == "," {
                cursor.advance()
            } else if cursor.current != "]" {
                throw TOMLError("expected ',' or ']' in the array", at: cursor.location)
            }
        }
    }

    private mutating func parseInlineTable() throws -> TOMLTable {
        cursor.advance()  // {
        var table = TOMLTable()
        table.isDefined = true
        cursor.skipBlanks()
        if cursor.current == "}" {
            cursor.advance()
            return table
        }
        while true {
            let key = try parseKey()
            let value = try parseKeyValueRest()
            try Self.insert(path: key, value: value, into: &table, depth: 0)
            cursor.skipBlanks()
            if cursor.current == "}" {
                cursor.advance()
                return table
            }
            guard cursor.current == "," else { throw TOMLError("expected ',' or '}' in the inline table", at: cursor.location) }
            cursor.advance()
        }
    }
}
