/// `exclude = [{ compiler = "clang", target = "i686", link = "static" }, ...]`; a declared axis's name is a
/// key too (`rtlib = "compiler-rt"`), and `feature` (a string or an array) matches the values' features.
enum ExcludeDecoder {
    static let keys = ["fixture", "compiler", "target", "link", "opt"]

    static func decode(_ top: TableReader, compilers: [String], targets: [String], axes: [Axis] = []) throws(MatrixError) -> [ExcludeRule] {
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
            try reader.allowOnly(keys + ["feature"] + axes.map(\.name))
            var rule = ExcludeRule(fixture: try reader.string("fixture"), opt: try reader.string("opt"))
            rule.compiler = try name(reader, "compiler", among: compilers, what: "compiler")
            rule.target = try name(reader, "target", among: targets, what: "target")
            if let linkName = try reader.string("link"), let at = t["link"]?.location {
                rule.link = try MatrixDecoder.linkMode(linkName, at: at, reader)
            }
            for axis in axes {
                guard let value = try reader.string(axis.name), let at = t[axis.name]?.location else { continue }
                guard axis.values.contains(where: { $0.name == value }) else {
                    var message = "unknown \(axis.name) value '\(value)' in 'exclude'"
                    if let near = EditDistance.nearest(to: value, in: axis.values.map(\.name)) { message += "; did you mean '\(near)'?" }
                    throw reader.error(message, at: at)
                }
                rule.axes[axis.name] = value
            }
            if let node = t["feature"] {
                if case .string(let one) = node.value { rule.features = [one] } else { rule.features = try reader.stringArray("feature") ?? [] }
                let known = Set(axes.flatMap { $0.values.flatMap(\.features) })
                if let unknown = rule.features.first(where: { !known.contains($0) }) {
                    throw reader.error("no axis value of the matrix provides feature '\(unknown)' ('exclude')", at: node.location)
                }
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
