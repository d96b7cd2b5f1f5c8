import Foundation
import Model

/// What a driver answered when it was probed: its `--version` and its `-print-prog-name` answers. Kept
/// in the cache directory (DIR/v1/tools/) under the driver's resolved file as `stat` sees it, so that a
/// later run asks a driver that has not changed nothing at all: the answers are read back, and only the
/// programs they name are resolved and stamped again (cheap, and an assembler replaced under an unchanged
/// driver still changes the identity).
package struct ToolAnswers: Sendable, Codable, Equatable {
    package var version: String
    /// Program (`cc1`, `as`, `ld`...) to the driver's answer, trimmed; "" when it gave none.
    package var programs: [String: String]
}

/// The on-disk store of ToolAnswers. One JSON file per driver file, flags and environment, named by the
/// hash of that key; the key is stored in the file too and compared, so that a file is never misread.
package struct ToolAnswerStore: Sendable {
    package let directory: String

    /// Bumped when the probe asks other questions or reads them differently.
    static let format = "toolgate tool answers 2"

    private struct Entry: Codable {
        var key: String
        var answers: ToolAnswers
    }

    package init(directory: String) { self.directory = directory }

    /// The store of a build cache: DIR/v1/tools.
    package init(cache: CacheSettings) { self.init(directory: CacheStore(directory: cache.directory).root + "/tools") }

    /// What was asked: the cache identity's questions, or only the first line of `--version` that
    /// ToolchainProbe puts in the report.
    package enum Kind: String, Sendable { case identity, version }

    /// The key of a driver: how it was named, the target-selecting flags, its resolved file (path, size,
    /// mtime, ctime, inode, device) and the variables that change where it finds its programs.
    /// `around`: whatever else the answers rest on (the driver's directory, where clang finds its
    /// configuration files).
    package static func key(
        _ kind: Kind, driver: String, flags: [String], resolved: String, status: FileStatus, env: [String: String],
        around: String = ""
    ) -> String {
        var fields = [format, kind.rawValue, "driver \(driver)", "flags \(flags.joined(separator: "\u{1}"))",
                      "file \(resolved) \(status.size) \(status.mtime) \(status.ctime) \(status.inode) \(status.device)",
                      "around \(around)"]
        for name in ["PATH", "COMPILER_PATH", "GCC_EXEC_PREFIX", "CLANG_NO_DEFAULT_CONFIG"] {
            fields.append("\(name)=\(env[name] ?? "\u{1}")")
        }
        return fields.joined(separator: "\n")
    }

    func path(_ key: String) -> String { "\(directory)/\(ContentHasher.hex(key)).json" }

    package func load(_ key: String) -> ToolAnswers? {
        let file = path(key)
        guard let data = FileManager.default.contents(atPath: file),
              let entry = try? JSONDecoder().decode(Entry.self, from: data), entry.key == key
        else { return nil }
        // Used now: the trim removes answers no run has used for a month (old compilers of a rebootstrap).
        _ = utimes(file, nil)
        return entry.answers
    }

    /// The key of `command` as found on PATH, or nil when it is not there.
    package static func key(_ kind: Kind, command: String, flags: [String], env: [String: String]) -> String? {
        guard let path = ExecutableLookup.resolve(command) else { return nil }
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let status = FileDigests.status(resolved) else { return nil }
        return key(kind, driver: command, flags: flags, resolved: resolved, status: status, env: env)
    }

    /// Best effort: a read-only or full cache costs the next run its probes, never this run.
    package func save(_ answers: ToolAnswers, key: String) {
        guard let data = try? JSONEncoder().encode(Entry(key: key, answers: answers)) else { return }
        // No fsync, as for the cache's manifests: a torn file does not decode (or names another key) and is asked again.
        try? AtomicFile.writeStreaming(to: path(key)) { try $0.write(contentsOf: data) }
    }
}
