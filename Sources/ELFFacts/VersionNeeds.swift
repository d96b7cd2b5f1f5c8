/// The version-needs section as {library: [version names]}, kept in file order so output is stable.
package struct VersionNeeds: Sendable, Equatable, Codable {
    package struct Entry: Sendable, Equatable {
        package var library: String
        package var versions: [String]
    }
    package internal(set) var entries: [Entry] = []

    package init() {}

    package init(_ pairs: [(String, [String])]) {
        for (library, versions) in pairs {
            for v in versions { add(library: library, version: v) }
            if versions.isEmpty { add(library: library, version: nil) }
        }
    }

    package mutating func add(library: String, version: String?) {
        let index: Int
        if let found = entries.firstIndex(where: { $0.library == library }) {
            index = found
        } else {
            entries.append(Entry(library: library, versions: []))
            index = entries.count - 1
        }
        if let version, !entries[index].versions.contains(version) {
            entries[index].versions.append(version)
        }
    }

    package subscript(library: String) -> [String]? {
        entries.first(where: { $0.library == library })?.versions
    }

    package var allVersions: [String] { entries.flatMap(\.versions) }

    /// A library's name as a key (its reader is VersionNeeds+Decoding.swift).
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for entry in entries {
            try c.encode(entry.versions, forKey: Key(stringValue: entry.library))
        }
    }
}
