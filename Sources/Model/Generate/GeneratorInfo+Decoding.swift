import ELFFacts

/// Every field of `metadata.generator` has a default: empty text and lists, 0, or absent.
extension GeneratorInfo {
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            tool: try c.decode(forKey: .tool, default: ""), version: try c.decode(forKey: .version, default: ""),
            flags: try c.decode(forKey: .flags, default: []), seeds: try c.decode(forKey: .seeds, default: ""),
            runTimeout: try c.decode(forKey: .runTimeout, default: 0), reference: try c.decodeIfPresent(ReferenceCells.self, forKey: .reference))
    }
}
