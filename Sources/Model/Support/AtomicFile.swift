import Foundation

/// Writes a file so readers see the old contents or the new, never half: a temporary file beside it, then rename.
///
/// An interrupt stops all writes (its context's WriteGate) before it saves the incomplete report and exits: a write
/// under way finishes (renamed or removed), a later one is refused, so the exit leaves no temporary file.
package enum AtomicFile {
    /// In every temporary file's name (`report.json.tmp-PID-XXXXXXXX`): a run removes any it finds in its
    /// OUT, which only a process killed outright can leave behind.
    package static let temporaryInfix = ".tmp-"

    /// `evenAfterStop`: the interrupt's own final save, the one write allowed once writes are stopped.
    package static func write(_ data: Data, to path: String, evenAfterStop: Bool = false) throws {
        let gate = WriteGate.current
        guard gate.enter(evenAfterStop: evenAfterStop) else { throw WritesStopped(path: path) }
        defer { gate.leave() }
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        let temp = "\(path)\(temporaryInfix)\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        do {
            try data.write(to: URL(fileURLWithPath: temp))
        } catch {
            try? FileManager.default.removeItem(atPath: temp)  // a full disk may leave part of it
            throw error
        }
        if rename(temp, path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(atPath: temp)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot rename '\(temp)' to '\(path)': \(String(cString: strerror(code)))"])
        }
    }

    /// `write` for a file rendered piece by piece into `body` (a big report.json, junit.xml, index.html):
    /// the same temporary file and rename, so a reader never sees it half-written.
    package static func writeStreaming(to path: String, evenAfterStop: Bool = false, _ body: (FileHandle) throws -> Void) throws {
        let gate = WriteGate.current
        guard gate.enter(evenAfterStop: evenAfterStop) else { throw WritesStopped(path: path) }
        defer { gate.leave() }
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        let temp = "\(path)\(temporaryInfix)\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        do {
            guard FileManager.default.createFile(atPath: temp, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot create '\(temp)'"])
            }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temp))
            defer { try? handle.close() }
            try body(handle)
        } catch {
            try? FileManager.default.removeItem(atPath: temp)
            throw error
        }
        if rename(temp, path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(atPath: temp)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot rename '\(temp)' to '\(path)': \(String(cString: strerror(code)))"])
        }
    }

    /// Why a write was refused: toolgate is being interrupted.
    package struct WritesStopped: Error, CustomStringConvertible {
        package var path: String
        package var description: String { "not written: toolgate is being interrupted (\(path))" }
    }
}
