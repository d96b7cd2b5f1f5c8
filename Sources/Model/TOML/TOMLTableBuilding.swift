/// Placing keys and `[headers]` into the tree of tables, with duplicate checks. Static: called on `self`, they
/// made Swift copy the parser, whose copy of the root table then made every change to it copy the whole table.
extension TOMLParser {
    static func insert(path: [(String, SourceLocation)], value: TOMLNode, into table: inout TOMLTable, depth: Int) throws {
        let (key, at) = path[depth]
        let index = table.index(of: key)
        if depth == path.count - 1 {
            if index != nil { throw TOMLError("duplicate key '\(key)'", at: at) }
            table.append(TOMLEntry(key: key, keyLocation: at, node: value))
            return
        }
        try withSubtable(key: key, at: at, index: index, in: &table) { sub in
            try insert(path: path, value: value, into: &sub, depth: depth + 1)
        }
    }

    static func defineTable(path: ArraySlice<(String, SourceLocation)>, in table: inout TOMLTable) throws {
        guard let (key, at) = path.first else { return }
        let index = table.index(of: key)
        try withSubtable(key: key, at: at, index: index, in: &table) { sub in
            if path.count == 1 {
                if sub.isDefined { throw TOMLError("duplicate table '\(path.map(\.0).joined(separator: "."))'", at: at) }
                sub.isDefined = true
            } else {
                try defineTable(path: path.dropFirst(), in: &sub)
            }
        }
    }

    /// Runs `body` on the sub-table `key`, creating it when it does not exist.
    private static func withSubtable(
        key: String, at: SourceLocation, index: Int?, in table: inout TOMLTable,
        _ body: (inout TOMLTable) throws -> Void
    ) throws {
        guard let index else {
            var sub = TOMLTable()
            try body(&sub)
            table.append(TOMLEntry(key: key, keyLocation: at, node: TOMLNode(.table(sub), at: at)))
            return
        }
        guard case .table(var sub) = table.entries[index].node.value else {
            throw TOMLError("key '\(key)' is already \(table.entries[index].node.value.typeName), not a table", at: at)
        }
        // Out of its parent while `body` changes it, `sub` is the only holder of its entries, which then grow
        // in place: copied for every key added, a table of many keys took quadratic time.
        table.setValue(.boolean(false), at: index)
        defer { table.setValue(.table(sub), at: index) }
        try body(&sub)
    }
}
