/// What libdw found in the file's DWARF, or why there is nothing to find.
package struct DebugFacts: Sendable, Codable, Equatable {
    /// Distinct DW_AT_producer strings, in first-seen order.
    package var producers: [String]
    /// Distinct DW_AT_language names ("C11", "C_plus_plus_14", or "DW_LANG_<number>").
    package var languages: [String]
    /// Distinct compilation-unit versions, ascending.
    package var dwarfVersions: [Int]
    /// Why DWARF could not be read (no debug sections, a broken section); null when it was read.
    package var unavailable: String?

    enum CodingKeys: String, CodingKey {
        case producers, languages
        case dwarfVersions = "dwarf_versions"
        case unavailable
    }

    package init(
        producers: [String] = [], languages: [String] = [], dwarfVersions: [Int] = [],
        unavailable: String? = "not examined"
    ) {
        self.producers = producers
        self.languages = languages
        self.dwarfVersions = dwarfVersions
        self.unavailable = unavailable
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(producers, forKey: .producers)
        try c.encode(languages, forKey: .languages)
        try c.encode(dwarfVersions, forKey: .dwarfVersions)
        try c.encode(unavailable, forKey: .unavailable)
    }
}
