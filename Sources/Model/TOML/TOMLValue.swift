/// A 1-based position in a text file, as compilers print it.
package struct SourceLocation: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    package var line: Int
    package var column: Int

    package init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    package var description: String { "\(line):\(column)" }
}

/// A TOML value with the place where it was written, so every later error can point at it.
package struct TOMLNode: Sendable, Equatable {
    package var value: TOMLValue
    package var location: SourceLocation

    package init(_ value: TOMLValue, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

package enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case array([TOMLNode])
    case table(TOMLTable)

    /// The TOML name of the type, for "expected a string, found an array" messages.
    package var typeName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .boolean: "a boolean"
        case .array: "an array"
        case .table: "a table"
        }
    }
}

/// One `key = value` (or a sub-table) with the location of its key.
package struct TOMLEntry: Sendable, Equatable {
    package var key: String
    package var keyLocation: SourceLocation
    package var node: TOMLNode
}

/// A table keeps its keys in the order they were written.
package struct TOMLTable: Sendable, Equatable {
    package var entries: [TOMLEntry] = []
    /// Set once a `[header]` or a `key = { ... }` defined this table; a second definition is an error.
    package var isDefined = false

    package init() {}

    package subscript(key: String) -> TOMLNode? {
        entries.first(where: { $0.key == key })?.node
    }

    package func entry(_ key: String) -> TOMLEntry? {
        entries.first(where: { $0.key == key })
    }

    package var keys: [String] { entries.map(\.key) }
}
