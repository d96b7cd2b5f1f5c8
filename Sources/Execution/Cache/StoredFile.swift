import Foundation
import Model

/// One of a result's files as the store wrote it: its byte count and XXH3-128, taken from the bytes the
/// store read. The store does not fsync (ccache 4 does not either): a crash may leave a result's file
/// empty, short or with stale blocks, and a restore that reads anything else than this is a miss.
package struct StoredFile: Sendable, Codable, Equatable {
    package var size: Int
    package var digest: String

    init(size: Int, digest: String) {
        self.size = size
        self.digest = digest
    }

    init(_ bytes: Data) { self.init(size: bytes.count, digest: ContentHasher.hex(bytes)) }

    /// Size first: a truncated or empty file is told without hashing it.
    func matches(_ bytes: Data) -> Bool { bytes.count == size && ContentHasher.hex(bytes) == digest }
}

/// A result's three files, as a manifest entry records them.
package struct StoredFiles: Sendable, Codable, Equatable {
    package var output: StoredFile
    package var stdout: StoredFile
    package var stderr: StoredFile
}

/// A file's bytes and mode, read whole once: the store hashes and writes what it read, and a restore
/// checks what it read before writing it into place.
struct FileBytes {
    var data: Data
    var mode: mode_t

    static func read(_ path: String) throws -> FileBytes {
        guard let data = FileContents.data(atPath: path) else { throw CacheError("cannot read '\(path)'") }
        var st = stat()
        return FileBytes(data: data, mode: stat(path, &st) == 0 ? st.st_mode & 0o7777 : 0o644)
    }

    /// Renamed into place whole, not fsynced. Through AtomicFile, so an interrupt that stops writes stops
    /// this one too (the store or restore then fails, which is a miss).
    func write(to path: String) throws {
        try AtomicFile.writeStreaming(to: path) { try $0.write(contentsOf: data) }
        chmod(path, mode)
    }
}
