import Execution
import Model

/// The run's closing cache line: `toolgate: cache: 612 hits, 12 misses; 84.2 MiB in DIR (limit 5.0 GiB)`.
enum CacheReport {
    static func line(_ records: [CellRecord], settings: CacheSettings, trim: CacheTrim.Outcome) -> String {
        var counts: [CacheUse: Int] = [:]
        // A unit's compile steps are copied into each of its cells' records: count each command once.
        var seen: Set<String> = []
        for r in records {
            for c in r.commands {
                guard let use = c.cache, seen.insert(c.cwd + "\u{0}" + c.argv.joined(separator: "\u{0}")).inserted else { continue }
                counts[use, default: 0] += 1
            }
        }
        var parts = ["\(counts[.hit] ?? 0) hits", "\(counts[.miss] ?? 0) misses"]
        if let n = counts[.uncacheable] { parts.append("\(n) uncacheable") }
        var line = "toolgate: cache: " + parts.joined(separator: ", ")
        line += "; \(ByteSize.describe(trim.bytesAfter)) in \(settings.directory) (limit \(ByteSize.describe(settings.maxBytes)))"
        if trim.evicted > 0 { line += ", \(trim.evicted) least recently used entries evicted" }
        return line + "\n"
    }
}
