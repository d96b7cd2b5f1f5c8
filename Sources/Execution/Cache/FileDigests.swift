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
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 256 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { break }
            buffer.withUnsafeBufferPointer { hasher.update(UnsafeBufferPointer(rebasing: $0.prefix(n))) }
        }
        return hasher.finalizeHex()
    }
}
