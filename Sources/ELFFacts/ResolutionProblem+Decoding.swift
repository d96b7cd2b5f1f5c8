/// Every field has a default: `kind` "other" (also for a kind a newer toolgate names), `message` empty text,
/// `library` and `needed_by` absent. A kind that is not a string is still an error naming the field.
extension ResolutionProblem {
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            try c.decode(forKey: .kind, default: .other), try c.decode(forKey: .message, default: ""),
            library: try c.decodeIfPresent(String.self, forKey: .library), neededBy: try c.decodeIfPresent(String.self, forKey: .neededBy))
    }
}

extension ResolutionProblem.Kind {
    package init(from decoder: any Decoder) throws { try self.init(from: decoder, unknown: .other) }
}
