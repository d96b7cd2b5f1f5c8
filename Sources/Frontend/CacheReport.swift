import Execution
import Foundation
import Model
import Synchronization

/// The run's closing cache line: `toolgate: cache: 612 hits, 12 misses; 84.2 MiB in DIR (limit 5.0 GiB)`.
enum CacheReport {
    static func line(_ counts: [CacheUse: Int], settings: CacheSettings, trim: CacheTrim.Outcome) -> String {
        var parts = ["\(counts[.hit] ?? 0) hits", "\(counts[.miss] ?? 0) misses"]
        if let n = counts[.uncacheable] { parts.append("\(n) uncacheable") }
        var line = "toolgate: cache: " + parts.joined(separator: ", ")
        line += "; \(ByteSize.describe(trim.bytesAfter)) in \(settings.directory) (limit \(ByteSize.describe(settings.maxBytes)))"
        if trim.evicted > 0 { line += ", \(trim.evicted) least recently used entries evicted" }
        return line + "\n"
    }
}

/// The cache uses of a run's steps, counted as cells finish (no record is kept for it).
final class CacheTally: Sendable {
    private struct State {
        var counts: [CacheUse: Int] = [:]
        /// A unit's compile steps are copied into each of its cells' records: count each command once
        /// (by a hash of its directory and argv, 8 bytes a command).
        var seen: Set<Int> = []
    }
    private let state = Mutex(State())

    func add(_ r: CellRecord) {
        state.withLock { s in
            for c in r.commands {
                guard let use = c.cache else { continue }
                var h = Hasher()
                h.combine(c.cwd)
                h.combine(c.argv)
                guard s.seen.insert(h.finalize()).inserted else { continue }
                s.counts[use, default: 0] += 1
            }
        }
    }

    var counts: [CacheUse: Int] { state.withLock { $0.counts } }
}
