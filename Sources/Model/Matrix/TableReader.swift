/// Typed access to one TOML table of a matrix file; every error points at the offending key or value.
struct TableReader {
    let table: TOMLTable
    let file: String
    /// How messages name the table: "the top level", "[targets.i686]".
    let name: String
    let location: SourceLocation?

    func error(_ message: String, at location: SourceLocation?) -> MatrixError {
        MatrixError(path: file, location: location, message: message)
    }

    /// Refuses any key not in `allowed`, naming the nearest allowed one.
    func allowOnly(_ allowed: [String]) throws(MatrixError) {
        for entry in table.entries where !allowed.contains(entry.key) {
            var message = "unknown key '\(entry.key)' in \(name)"
            if let near = EditDistance.nearest(to: entry.key, in: allowed) {
                message += "; did you mean '\(near)'?"
            } else {
                message += "; expected \(EnglishList.or(allowed))"
            }
            throw error(message, at: entry.keyLocation)
        }
    }

    func string(_ key: String) throws(MatrixError) -> String? {
        guard let node = table[key] else { return nil }
        guard case .string(let s) = node.value else { throw typeError(key, node, expected: "a string") }
        return s
    }

    func int(_ key: String, minimum: Int = 0) throws(MatrixError) -> Int? {
        guard let node = table[key] else { return nil }
        guard case .integer(let n) = node.value else { throw typeError(key, node, expected: "an integer") }
        guard n >= minimum else { throw error("'\(key)' must be at least \(minimum), found \(n)", at: node.location) }
        return n
    }

    func stringArray(_ key: String) throws(MatrixError) -> [String]? {
        try stringArrayNodes(key)?.map(\.0)
    }

    func stringArrayNodes(_ key: String) throws(MatrixError) -> [(String, SourceLocation)]? {
        guard let node = table[key] else { return nil }
        guard case .array(let items) = node.value else { throw typeError(key, node, expected: "an array of strings") }
        var out: [(String, SourceLocation)] = []
        for item in items {
            guard case .string(let s) = item.value else {
                throw error("'\(key)' must be an array of strings, found \(item.value.typeName) in it", at: item.location)
            }
            out.append((s, item.location))
        }
        return out
    }

    func subtable(_ key: String) throws(MatrixError) -> TableReader? {
        guard let entry = table.entry(key) else { return nil }
        guard case .table(let t) = entry.node.value else { throw typeError(key, entry.node, expected: "a table") }
        let childName = name == "the top level" ? "[\(key)]" : "[\(name.dropFirst().dropLast()).\(key)]"
        return TableReader(table: t, file: file, name: childName, location: entry.keyLocation)
    }

    /// The sub-tables of a table of tables (`[compilers.gcc]`, `[compilers.clang]`), in file order.
    func subtables() throws(MatrixError) -> [(String, TableReader)] {
        var out: [(String, TableReader)] = []
        for entry in table.entries {
            guard let sub = try subtable(entry.key) else { continue }
            out.append((entry.key, sub))
        }
        return out
    }

    func flagSet() throws(MatrixError) -> FlagSet {
        FlagSet(
            cflags: try stringArray("cflags") ?? [], cxxflags: try stringArray("cxxflags") ?? [],
            ldflags: try stringArray("ldflags") ?? [], timeout: try int("timeout", minimum: 1))
    }

    static let flagKeys = ["cflags", "cxxflags", "ldflags", "timeout"]

    private func typeError(_ key: String, _ node: TOMLNode, expected: String) -> MatrixError {
        error("'\(key)' must be \(expected), found \(node.value.typeName)", at: node.location)
    }
}
