import Foundation
import Model

/// What a run's start-up probes found, kept in the cache directory (DIR/v1/probes/) with every file the
/// answer rests on, stamped as the build cache stamps a step's dependencies: the emulator's CPU list,
/// whether bubblewrap works, the libraries a runner maps, the i686 asm/ workaround, a runtime that links.
/// A later run whose files all still match (by `stat`, else by content) starts no process for that probe.
///
/// Only answers that cannot go stale without a file changing are kept. A probe that failed is never
/// kept: its message names a package to install, and the next run must see it installed.
package struct ProbeAnswerStore: Sendable {
    package let directory: String

    /// Bumped when a probe asks other questions or reads its answer differently.
    static let format = "toolgate probe answers 1"

    private struct Entry: Codable {
        var key: String
        var answer: String
        /// Absolute; under the run's work directory written `@WORK@` (WorkPaths), so any `--out` matches.
        var files: [CacheManifest.Dependency]
    }

    package init(directory: String) { self.directory = directory }

    /// The store of a build cache: DIR/v1/probes.
    package init(cache: CacheSettings) { self.init(directory: CacheStore(directory: cache.directory).root + "/probes") }

    /// The key of one probe: its kind and every input that is not a file (argv, flags, environment).
    package static func key(_ kind: String, _ inputs: [String]) -> String {
        ([format, kind] + inputs).joined(separator: "\n")
    }

    func path(_ key: String) -> String { "\(directory)/\(ContentHasher.hex(key)).json" }

    /// The answer kept under `key` when every file it rests on still matches; nil otherwise (then the
    /// probe runs, and its answer replaces this one). `prepare` sees the answer before the files are
    /// checked: the i686 workaround makes the link its answer's headers are read through.
    package func load(_ key: String, workDir: String? = nil, prepare: (String) -> Void = { _ in }) -> String? {
        let file = path(key)
        guard let data = FileContents.data(atPath: file),
              let entry = try? JSONDecoder().decode(Entry.self, from: data), entry.key == key
        else { return nil }
        prepare(entry.answer)
        let paths = workDir.map(WorkPaths.init(workDir:))
        let digests = FileDigests()
        guard entry.files.allSatisfy({ digests.matches(paths?.expand($0.path) ?? $0.path, $0.stamp) }) else { return nil }
        // Used now: the trim removes answers no run has used for a month.
        _ = utimes(file, nil)
        return entry.answer
    }

    /// Keeps `answer` with the stamps `files` have now. Best effort: a file that cannot be stamped (gone,
    /// not a regular file) keeps nothing, and a read-only or full cache costs the next run its probes.
    package func save(_ answer: String, key: String, files: [String], workDir: String? = nil) {
        let paths = workDir.map(WorkPaths.init(workDir:))
        let digests = FileDigests()
        var stamped: [CacheManifest.Dependency] = []
        for file in Set(files).sorted() {
            guard let stamp = digests.stamp(file) else { return }
            stamped.append(.init(path: paths?.normalize(file) ?? file, stamp: stamp))
        }
        guard let data = try? JSONEncoder().encode(Entry(key: key, answer: answer, files: stamped)) else { return }
        // No fsync, as for the cache's manifests: a torn file does not decode (or names another key) and is asked again.
        try? AtomicFile.writeStreaming(to: path(key)) { try $0.write(contentsOf: data) }
    }

    /// `command` found on PATH, symlinks followed (gcc → gcc-12): the file a probe's answer rests on.
    package static func resolvedExecutable(_ command: String) -> String? {
        ExecutableLookup.resolve(command).map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
    }
}
