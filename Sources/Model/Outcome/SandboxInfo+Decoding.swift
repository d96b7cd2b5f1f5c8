import ELFFacts

/// `mode` and `used` default to empty text.
extension SandboxInfo {
    /// The synthesized CodingKeys' names, which its encoder writes.
    private enum Keys: String, CodingKey { case mode, used, bwrap, warning }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        self.init(
            mode: try c.decode(forKey: .mode, default: ""), used: try c.decode(forKey: .used, default: ""),
            bwrap: try c.decodeIfPresent(String.self, forKey: .bwrap), warning: try c.decodeIfPresent(String.self, forKey: .warning))
    }
}
