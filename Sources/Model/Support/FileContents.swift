import Foundation

/// A whole file's bytes without Foundation's leak: `FileManager.contents(atPath:)`, `Data(contentsOf:)` and
/// `String(contentsOfFile:)` keep a 4 KB buffer for every empty file they read (swift-foundation, Swift
/// 6.3), and every step's stdout and stderr are usually empty files, copied into and out of the cache: at
/// 10,000 cells that was most of the run's memory. A file that stat calls empty (an empty file, or one in
/// /proc that has contents all the same) is read through a FileHandle; any other through Foundation's fast path.
package enum FileContents {
    /// The file's bytes, or nil when it cannot be read (missing, a directory, no permission).
    package static func data(atPath path: String) -> Data? {
        var st = stat()
        guard stat(path, &st) == 0, st.st_mode & S_IFMT != S_IFDIR else { return nil }
        if st.st_size > 0 { return FileManager.default.contents(atPath: path) }
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        do {
            return try handle.readToEnd() ?? Data()
        } catch {
            return nil
        }
    }

    /// The file as UTF-8 text; nil when it cannot be read or is not UTF-8 (as `String(contentsOfFile:encoding: .utf8)`).
    package static func utf8(atPath path: String) -> String? {
        data(atPath: path).flatMap { String(data: $0, encoding: .utf8) }
    }
}
