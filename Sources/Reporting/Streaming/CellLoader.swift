import Foundation
import Model
import Synchronization

/// Reads full cell records back from a streamed report.json one at a time, for the writers that need a
/// cell's commands and output (a failing cell's JUnit body, index.html's details); everything else works
/// from the small records the run keeps in memory.
package final class CellLoader: Sendable {
    private let path: String
    private let spans: [String: CellSpan]
    private let handle: Mutex<FileHandle?>

    package init(path: String, spans: [String: CellSpan]) {
        self.path = path
        self.spans = spans
        handle = Mutex(FileHandle(forReadingAtPath: path))
    }

    deinit { handle.withLock { try? $0?.close() } }

    /// The full record of `cell`, or `cell` itself when it cannot be read back.
    package func full(_ cell: CellRecord) -> CellRecord {
        guard let span = spans[cell.id] else { return cell }
        let data: Data? = handle.withLock { h in
            guard let h else { return nil }
            do {
                try h.seek(toOffset: span.offset)
                return try h.read(upToCount: span.length)
            } catch {
                return nil
            }
        }
        guard let data, let record = try? JSONDecoder().decode(CellRecord.self, from: data) else { return cell }
        return record
    }
}

extension CellRecord {
    /// What a run keeps in memory of a finished cell: its axes, status, reason, duration, violations,
    /// notes, log and attempts' verdicts; no commands, output or ELF facts (those are in report.json).
    package var slim: CellRecord {
        var r = self
        r.stdout = ""
        r.stderr = ""
        r.commands = []
        r.elf = nil
        r.attempts = attempts?.map { a in
            var a = a
            a.stdout = ""
            a.stderr = ""
            return a
        }
        return r
    }
}
