import Foundation
import Model
import Synchronization

/// What a dependency looked like when its entry was stored: enough to tell, by one `stat`, that it is
/// unchanged, and its content hash (XXH3-128) for when the `stat` differs (a fresh clone, a restored object).
package struct FileStamp: Sendable, Codable, Equatable {
    package var size: Int64
    /// Modification time in nanoseconds since the epoch.
    package var mtime: Int64
    package var digest: String
}

/// A file's `stat` as the cache uses it: times in nanoseconds since the epoch.
package struct FileStatus: Sendable, Equatable {
    package var size: Int64
    package var mtime: Int64
    package var ctime: Int64
    package var inode: UInt64
    package var device: UInt64
}

/// Content hashes of files, each file read at most once per run while its size and mtime stay the same:
/// every unit of a matrix includes the same headers and links the same libc.
package final class FileDigests: Sendable {
    private let memo = Mutex<[String: FileStamp]>([:])

    package init() {}

    /// Size and mtime, or nil for a path that is not a readable regular file.
    package static func fileStat(_ path: String) -> (size: Int64, mtime: Int64)? {
        status(path).map { ($0.size, $0.mtime) }
    }

    /// The whole `stat` of a regular file (symlinks followed), or nil.
    package static func status(_ path: String) -> FileStatus? { status(path, type: S_IFREG) }

    /// The same of a directory: its mtime and ctime change when an entry is added, removed or renamed.
    package static func directoryStatus(_ path: String) -> FileStatus? { status(path, type: S_IFDIR) }

    private static func status(_ path: String, type: mode_t) -> FileStatus? {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == type else { return nil }
        return FileStatus(
            size: Int64(st.st_size), mtime: nanoseconds(st.st_mtim), ctime: nanoseconds(st.st_ctim),
            inode: UInt64(st.st_ino), device: UInt64(st.st_dev))
    }

    /// The file system's clock: the coarse wall clock the kernel stamps files with, so that a file changed
    /// after this moment has an mtime and ctime at or after it (the fine clock can be ahead of both).
    package static func fileClockNow() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME_COARSE, &ts)
        return nanoseconds(ts)
    }

    /// ccache's race guard: true when the file changed at or after `start` (its mtime or ctime is not
    /// before it), or is gone. A step that read such a file may have read it half-written, or before the
    /// change its stamp would describe: it is not stored.
    package static func changed(_ path: String, since start: Int64) -> Bool {
        guard let st = status(path) else { return true }
        return st.mtime >= start || st.ctime >= start
    }

    package func stamp(_ path: String) -> FileStamp? {
        let began = Self.fileClockNow()
        guard let now = Self.status(path) else { return nil }
        if let known = memo.withLock({ $0[path] }), known.size == now.size, known.mtime == now.mtime { return known }
        guard let hash = ContentHasher.hex(ofFile: path) else { return nil }
        let stamp = FileStamp(size: now.size, mtime: now.mtime, digest: hash)
        // A file changed in the clock tick we read it in could change again without a new mtime: its hash
        // is not remembered by stat.
        if now.mtime < began, now.ctime < began { memo.withLock { $0[path] = stamp } }
        return stamp
    }

    /// True when `path` still has the content `recorded` describes: by `stat` alone when size and mtime
    /// are those recorded, else by hashing it.
    package func matches(_ path: String, _ recorded: FileStamp) -> Bool {
        guard let now = Self.fileStat(path), now.size == recorded.size else { return false }
        if now.mtime == recorded.mtime { return true }
        return stamp(path)?.digest == recorded.digest
    }

    private static func nanoseconds(_ t: timespec) -> Int64 { Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec) }
}
