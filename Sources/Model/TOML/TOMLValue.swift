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
    package private(set) var entries: [TOMLEntry] = []
    /// Where each key is in `entries`. Finding keys by a scan made reading a table quadratic: a matrix of
    /// 50,000 keys took 47 s.
    private var indexByKey: [String: Int] = [:]
    /// Set once a `[header]` or a `key = { ... }` defined this table; a second definition is an error.
    package var isDefined = false

    package init() {}

    package subscript(key: String) -> TOMLNode? {
        entry(key)?.node
    }

    package func entry(_ key: String) -> TOMLEntry? {
        indexByKey[key].map { entries[$0] }
    }

    package var keys: [String] { entries.map(\.key) }

    func index(of key: String) -> Int? { indexByKey[key] }

    /// The parser checks for duplicates before it appends.
    mutating func append(_ entry: TOMLEntry) {
        indexByKey[entry.key] = entries.count
        entries.append(entry)
    }

    mutating func setValue(_ value: TOMLValue, at index: Int) {
        entries[index].node.value = value
    }
}
