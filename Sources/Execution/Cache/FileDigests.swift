import Foundation
import Model
import Synchronization

/// What a dependency looked like when its entry was stored: enough to tell, by one `stat`, that it is
/// unchanged, and its SHA-256 for when the `stat` differs (a fresh clone, a restored object).
package struct FileStamp: Sendable, Codable, Equatable {
    package var size: Int64
    /// Modification time in nanoseconds since the epoch.
    package var mtime: Int64
    package var sha256: String
}

/// Content hashes of files, each file read at most once per run while its size and mtime stay the same:
/// every unit of a matrix includes the same headers and links the same libc.
package final class FileDigests: Sendable {
    private let memo = Mutex<[String: FileStamp]>([:])

    package init() {}

    /// Size and mtime, or nil for a path that is not a readable regular file.
    package static func fileStat(_ path: String) -> (size: Int64, mtime: Int64)? {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return (Int64(st.st_size), Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec))
    }

    package func stamp(_ path: String) -> FileStamp? {
        guard let now = Self.fileStat(path) else { return nil }
        if let known = memo.withLock({ $0[path] }), known.size == now.size, known.mtime == now.mtime { return known }
        guard let hash = Self.sha256(ofFile: path) else { return nil }
        let stamp = FileStamp(size: now.size, mtime: now.mtime, sha256: hash)
        memo.withLock { $0[path] = stamp }
        return stamp
    }

    /// True when `path` still has the content `recorded` describes: by `stat` alone when size and mtime
    /// are those recorded, else by hashing it.
    package func matches(_ path: String, _ recorded: FileStamp) -> Bool {
        guard let now = Self.fileStat(path), now.size == recorded.size else { return false }
        if now.mtime == recorded.mtime { return true }
        return stamp(path)?.sha256 == recorded.sha256
    }

    package static func sha256(ofFile path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256()
        do {
            // nil or empty: the end of the file.
            while let chunk = try handle.read(upToCount: 256 * 1024), !chunk.isEmpty { hasher.update([UInt8](chunk)) }
        } catch {
            return nil
        }
        return hasher.finalizeHex()
    }
}
