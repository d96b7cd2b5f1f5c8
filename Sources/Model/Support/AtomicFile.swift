import Foundation

/// Writes a file so readers see the old contents or the new, never half: a temporary file beside it, then rename.
package enum AtomicFile {
    package static func write(_ data: Data, to path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        let temp = "\(path).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        try data.write(to: URL(fileURLWithPath: temp))
        if rename(temp, path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(atPath: temp)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot rename '\(temp)' to '\(path)': \(String(cString: strerror(code)))"])
        }
    }
}
