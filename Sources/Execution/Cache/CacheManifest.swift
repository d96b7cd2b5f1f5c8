/// What one base key (driver identity, flags, directory) has produced: each entry names the files the
/// step read (from its dependency file) as they were, and the result stored for exactly those contents.
/// Newest first; a header edited back and forth keeps both entries.
///
/// Written without fsync. A crash may leave it empty, short or its old self: one that does not decode reads
/// as empty (a miss; the next store rewrites it), an old one names results that were right when stored, and
/// whatever an entry says is checked before it is used (its result key against its base and dependencies,
/// its result's files against `files`), so no state a crash leaves can turn into a wrong hit.
package struct CacheManifest: Sendable, Codable, Equatable {
    package struct Entry: Sendable, Codable, Equatable {
        package var result: String
        package var dependencies: [Dependency]
        /// What the result directory's files held when stored: a restore checks them before it writes anything.
        package var files: StoredFiles
    }

    package struct Dependency: Sendable, Codable, Equatable {
        /// Absolute, with the run's work directory written `@WORK@` so that any `--out` matches.
        package var path: String
        package var stamp: FileStamp
    }

    package var entries: [Entry] = []

    /// Enough for a header edited back and forth a few times; older entries fall off.
    static let maxEntries = 8

    mutating func add(_ entry: Entry) {
        entries.removeAll { $0.result == entry.result }
        entries.insert(entry, at: 0)
        if entries.count > Self.maxEntries { entries.removeLast(entries.count - Self.maxEntries) }
    }
}
