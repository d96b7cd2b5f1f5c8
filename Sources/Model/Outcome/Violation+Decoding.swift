import ELFFacts

/// Both fields default to empty text.
extension Violation {
    /// The synthesized CodingKeys' names, which its encoder writes.
    private enum Keys: String, CodingKey { case check, message }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        self.init(try c.decode(forKey: .check, default: ""), try c.decode(forKey: .message, default: ""))
    }
}
