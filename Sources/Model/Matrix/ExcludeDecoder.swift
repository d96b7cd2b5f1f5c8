/// `exclude = [{ compiler = "clang", target = "i686", link = "static" }, ...]`.
enum ExcludeDecoder {
    static let keys = ["fixture", "compiler", "target", "link", "opt"]

    static func decode(_ top: TableReader, compilers: [String], targets: [String]) throws(MatrixError) -> [ExcludeRule] {
        guard let node = top.table["exclude"] else { return [] }
        guard case .array(let items) = node.value else {
            throw top.error("'exclude' must be an array of inline tables, found \(node.value.typeName)", at: node.location)
        }
        var rules: [ExcludeRule] = []
        for item in items {
            guard case .table(let t) = item.value else {
                throw top.error("'exclude' entries must be inline tables, found \(item.value.typeName)", at: item.location)
            }
            let reader = TableReader(table: t, file: top.file, name: "an 'exclude' entry", location: item.location)
            try reader.allowOnly(keys)
            var rule = ExcludeRule(fixture: try reader.string("fixture"), opt: try reader.string("opt"))
            rule.compiler = try name(reader, "compiler", among: compilers, what: "compiler")
            rule.target = try name(reader, "target", among: targets, what: "target")
            if let linkName = try reader.string("link"), let at = t["link"]?.location {
                rule.link = try MatrixDecoder.linkMode(linkName, at: at, reader)
            }
            rules.append(rule)
        }
        return rules
    }

    private static func name(_ reader: TableReader, _ key: String, among names: [String], what: String) throws(MatrixError) -> String? {
        guard let value = try reader.string(key), let at = reader.table[key]?.location else { return nil }
        guard names.contains(value) else {
            var message = "unknown \(what) '\(value)' in 'exclude'"
            if let near = EditDistance.nearest(to: value, in: names) { message += "; did you mean '\(near)'?" }
            throw reader.error(message, at: at)
        }
        return value
    }
}
