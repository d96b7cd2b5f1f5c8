import Foundation
import Model

/// The cache directory on disk:
///
///     DIR/v1/manifests/ab/<base key>.json    CacheManifest, replaced whole (AtomicFile)
///     DIR/v1/results/ab/<result key>/        output, stdout, stderr: made in tmp/, renamed in whole
///     DIR/v1/tmp/                            work in progress; older than an hour is litter
///
/// Every write is renamed into place (a result made in tmp/, a manifest through AtomicFile, its temporary
/// file beside it), so a reader (another run, at the same time) sees a whole entry or none, and a killed run
/// leaves only litter, which the trim removes after an hour. A result directory is never changed once
/// there: a second run storing the same key finds it present and drops its copy.
package struct CacheStore: Sendable {
    package let root: String

    package init(directory: String) { root = directory + "/v1" }

    var manifestsDir: String { root + "/manifests" }
    var resultsDir: String { root + "/results" }
    var tmpDir: String { root + "/tmp" }

    func manifestPath(_ key: String) -> String { "\(manifestsDir)/\(key.prefix(2))/\(key).json" }
    func resultDir(_ key: String) -> String { "\(resultsDir)/\(key.prefix(2))/\(key)" }

    /// The manifest, or an empty one when there is none or it cannot be read (then it is rewritten).
    func manifest(_ key: String) -> CacheManifest {
        guard let data = FileContents.data(atPath: manifestPath(key)),
              let m = try? JSONDecoder().decode(CacheManifest.self, from: data)
        else { return CacheManifest() }
        return m
    }

    func writeManifest(_ manifest: CacheManifest, key: String) throws {
        try AtomicFile.write(JSONEncoder().encode(manifest), to: manifestPath(key))
    }

    /// Stores a step's output file and its stdout and stderr files under `key`.
    func storeResult(_ key: String, output: String, stdout: String, stderr: String) throws {
        let final = resultDir(key)
        if FileManager.default.fileExists(atPath: final) { return }
        let temp = try scratchPath("result")
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        do {
            try FileCopy.copy(output, to: temp + "/output")
            try FileCopy.copy(stdout, to: temp + "/stdout")
            try FileCopy.copy(stderr, to: temp + "/stderr")
            try FileManager.default.createDirectory(atPath: (final as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            // Another run may have stored the same result meanwhile: theirs stays, ours goes.
            if Glibc.rename(temp, final) != 0 { try? FileManager.default.removeItem(atPath: temp) }
        } catch {
            try? FileManager.default.removeItem(atPath: temp)
            throw error
        }
    }

    /// Copies a stored result to the step's output, stdout and stderr paths; false when it is gone
    /// (evicted meanwhile) or unreadable, which the caller treats as a miss.
    func restoreResult(_ key: String, output: String, stdout: String, stderr: String) -> Bool {
        let dir = resultDir(key)
        do {
            // Into the run's work directory, which a crash makes worthless anyway: no fsync (durable: false).
            try FileCopy.copy(dir + "/output", to: output, durable: false)
            try FileCopy.copy(dir + "/stdout", to: stdout, durable: false)
            try FileCopy.copy(dir + "/stderr", to: stderr, durable: false)
        } catch {
            return false
        }
        touch(dir)
        return true
    }

    /// Marks an entry as used now: eviction takes the least recently used first.
    func touch(_ path: String) { _ = utimes(path, nil) }

    /// A fresh name in tmp/ (same file system as the entries, so rename is atomic).
    func scratchPath(_ what: String) throws -> String {
        try FileManager.default.createDirectory(atPath: tmpDir, withIntermediateDirectories: true)
        return "\(tmpDir)/\(what)-\(getpid())-\(UUID().uuidString)"
    }
}

package struct CacheError: Error, CustomStringConvertible {
    package var description: String
    init(_ description: String) { self.description = description }
}

/// Copies a file whole, mode included, through AtomicFile: the destination is never seen half-written,
/// and an interrupt that stops writes stops copies too (the copy then fails, which is a miss).
/// `durable`: flushed to disk before the rename (Foundation's `Data.write` fsyncs), as the cache's own
/// entries are; a copy out of the cache into a run's work directory need not be.
enum FileCopy {
    static func copy(_ source: String, to destination: String, durable: Bool = true) throws {
        guard let data = FileContents.data(atPath: source) else { throw CacheError("cannot read '\(source)'") }
        var st = stat()
        let mode = stat(source, &st) == 0 ? st.st_mode & 0o7777 : 0o644
        if durable {
            try AtomicFile.write(data, to: destination)
        } else {
            try AtomicFile.writeStreaming(to: destination) { try $0.write(contentsOf: data) }
        }
        chmod(destination, mode)
    }
}
