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
///
/// Nothing is fsynced (as in ccache 4): a crash of the machine, not of toolgate, can leave a renamed file
/// empty or short, so each manifest entry records its result's sizes and XXH3-128, and a restore that reads
/// other bytes is a miss that removes the result (the miss then stores it again). Four fsyncs a stored
/// step were most of what a cold run paid over `--no-cache` (issue 11).
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

    /// Not fsynced: a manifest a crash tore does not decode and reads as empty, a miss (CacheManifest).
    func writeManifest(_ manifest: CacheManifest, key: String) throws {
        let data = try JSONEncoder().encode(manifest)
        try AtomicFile.writeStreaming(to: manifestPath(key)) { try $0.write(contentsOf: data) }
    }

    /// Stores a step's output file and its stdout and stderr files under `key`, and returns their sizes
    /// and hashes, of the bytes read here, for the manifest entry.
    func storeResult(_ key: String, output: String, stdout: String, stderr: String) throws -> StoredFiles {
        let files = try [output, stdout, stderr].map(FileBytes.read)
        let stored = StoredFiles(output: StoredFile(files[0].data), stdout: StoredFile(files[1].data), stderr: StoredFile(files[2].data))
        let final = resultDir(key)
        // Kept. Should its bytes differ from these (a compiler that is not deterministic), its first restore
        // is a miss that removes it, and the next store is this one's.
        if FileManager.default.fileExists(atPath: final) { return stored }
        let temp = try scratchPath("result")
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        do {
            for (file, name) in zip(files, Self.names) { try file.write(to: temp + "/" + name) }
            try FileManager.default.createDirectory(atPath: (final as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            // Another run may have stored the same result meanwhile: theirs stays, ours goes.
            if Glibc.rename(temp, final) != 0 { try? FileManager.default.removeItem(atPath: temp) }
        } catch {
            try? FileManager.default.removeItem(atPath: temp)
            throw error
        }
        return stored
    }

    /// A result directory's files, in the order of StoredFiles.
    static let names = ["output", "stdout", "stderr"]

    /// Copies a stored result to the step's output, stdout and stderr paths, once all three read back as
    /// `expected`; false, a miss, when one does not (the result is then removed) or the result is gone
    /// (evicted meanwhile) or cannot be written into place.
    func restoreResult(_ key: String, expected: StoredFiles, output: String, stdout: String, stderr: String) -> Bool {
        let dir = resultDir(key)
        var files: [FileBytes] = []
        for (name, want) in zip(Self.names, [expected.output, expected.stdout, expected.stderr]) {
            // A missing file in a result that is there is damage too: the remove is harmless when it is gone.
            guard let file = try? FileBytes.read(dir + "/" + name), want.matches(file.data) else {
                discard(dir)
                return false
            }
            files.append(file)
        }
        do {
            // Into the run's work directory, which a crash makes worthless anyway.
            for (file, path) in zip(files, [output, stdout, stderr]) { try file.write(to: path) }
        } catch {
            return false
        }
        touch(dir)
        return true
    }

    /// Removes a damaged result as the trim evicts one, renamed into tmp/ first, so that a concurrent
    /// reader sees it whole or absent and a concurrent store can put a good one in its place at once.
    func discard(_ dir: String) {
        guard let scratch = try? scratchPath("damaged"), Glibc.rename(dir, scratch) == 0 else { return }
        try? FileManager.default.removeItem(atPath: scratch)
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
