/// The lists default to empty. `unavailable` absent reads as null, as the synthesized reader read it: the
/// key is always written, and null is what a reader of `encode(nil)` sees.
extension DebugFacts {
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            producers: try c.decode(forKey: .producers, default: []), languages: try c.decode(forKey: .languages, default: []),
            dwarfVersions: try c.decode(forKey: .dwarfVersions, default: []),
            unavailable: try c.decodeIfPresent(String.self, forKey: .unavailable))
    }
}
