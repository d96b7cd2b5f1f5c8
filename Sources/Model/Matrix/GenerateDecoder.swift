/// `[generate]`: `tool = "csmith"`, `seeds = "1-200"`, `flags = [...]`, `timeout = 10` (the run step of each
/// generated program), `reference = { compiler = "gcc", opt = "O0" }` (docs/matrix.md).
enum GenerateDecoder {
    static func decode(_ reader: TableReader?, compilers: [String], targets: [String]) throws(MatrixError) -> GeneratorSpec? {
        guard let reader else { return nil }
        try reader.allowOnly(["tool", "seeds", "flags", "timeout", "reference"])
        let tool = try reader.string("tool") ?? "csmith"
        if !GeneratorSpec.tools.contains(tool) {
            throw reader.error("unknown generator '\(tool)'; expected \(EnglishList.or(GeneratorSpec.tools))", at: reader.table["tool"]?.location)
        }
        guard let node = reader.table["seeds"] else {
            throw reader.error("[generate] needs 'seeds', e.g. seeds = \"1-200\"", at: reader.location)
        }
        let seeds: [UInt64]
        switch node.value {
        case .string(let text):
            do { seeds = try SeedList.parse(text) } catch { throw reader.error("'seeds': \(error.message)", at: node.location) }
        case .integer(let n):
            guard n >= 0 else { throw reader.error("'seeds': a seed is a whole number from 0 to \(UInt32.max)", at: node.location) }
            seeds = [UInt64(n)]
        default:
            throw reader.error("'seeds' must be a string such as \"1-200\" or \"1,5,9\", found \(node.value.typeName)", at: node.location)
        }
        var spec = GeneratorSpec(tool: tool, seeds: seeds, flags: try reader.stringArray("flags") ?? [])
        spec.runTimeout = try reader.int("timeout", minimum: 1) ?? GeneratorSpec.defaultRunTimeout
        spec.reference = try reference(reader.subtable("reference"), compilers: compilers, targets: targets)
        return spec
    }

    private static func reference(_ reader: TableReader?, compilers: [String], targets: [String]) throws(MatrixError) -> ReferenceCells? {
        guard let reader else { return nil }
        try reader.allowOnly(["compiler", "target", "link", "opt"])
        let compiler = try reader.string("compiler"), target = try reader.string("target")
        let link = try reader.string("link"), opt = try reader.string("opt")
        if let compiler, !compilers.contains(compiler) { throw unknown(reader, "compiler", compiler, compilers) }
        if let target, !targets.contains(target) { throw unknown(reader, "target", target, targets) }
        if let link, LinkMode(rawValue: link) == nil { throw unknown(reader, "link", link, LinkMode.allCases.map(\.rawValue)) }
        guard compiler != nil || target != nil || link != nil || opt != nil else {
            throw reader.error("'reference' names no cells; give compiler, target, link or opt", at: reader.location)
        }
        return ReferenceCells(compiler: compiler, target: target, link: link, opt: opt)
    }

    private static func unknown(_ reader: TableReader, _ key: String, _ value: String, _ known: [String]) -> MatrixError {
        var message = "unknown \(key) '\(value)' in 'reference'"
        if let near = EditDistance.nearest(to: value, in: known) { message += "; did you mean '\(near)'?" } else { message += "; expected \(EnglishList.or(known))" }
        return reader.error(message, at: reader.table[key]?.location)
    }
}
