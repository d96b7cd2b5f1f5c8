import Foundation
import Model

/// Keeps the cache under its size limit: when results and manifests together exceed it, the least
/// recently used go first (a hit touches both) until three quarters of the limit is left, room for a run's new
/// entries before the next trim. An entry is renamed into tmp/ before it is deleted, so a run reading it
/// at that moment finds it whole or absent. Litter in tmp/ older than an hour (a killed run's) goes too.
package enum CacheTrim {
    package struct Outcome: Sendable, Equatable {
        package var bytesBefore: Int64
        package var bytesAfter: Int64
        package var evicted: Int
    }

    private struct Item {
        var path: String
        var bytes: Int64
        var used: Int64
    }

    package static func trim(_ settings: CacheSettings, now: Date = Date()) -> Outcome {
        let store = CacheStore(directory: settings.directory)
        removeLitter(store, olderThan: now.addingTimeInterval(-3600))
        var items = entries(store)
        let before = items.reduce(0) { $0 + $1.bytes }
        var total = before
        var evicted = 0
        if total > settings.maxBytes {
            items.sort { $0.used < $1.used }
            let goal = settings.maxBytes / 4 * 3
            for item in items where total > goal {
                guard let scratch = try? store.scratchPath("evict"), rename(item.path, scratch) == 0 else { continue }
                try? FileManager.default.removeItem(atPath: scratch)
                total -= item.bytes
                evicted += 1
            }
        }
        return Outcome(bytesBefore: before, bytesAfter: total, evicted: evicted)
    }

    /// Bytes the cache holds now.
    package static func size(_ settings: CacheSettings) -> Int64 {
        entries(CacheStore(directory: settings.directory)).reduce(0) { $0 + $1.bytes }
    }

    /// Every result directory and manifest file, with its size and when it was last used.
    private static func entries(_ store: CacheStore) -> [Item] {
        var items: [Item] = []
        for shard in list(store.resultsDir) {
            for name in list(shard) {
                guard let used = mtime(name) else { continue }
                items.append(Item(path: name, bytes: list(name).reduce(0) { $0 + (FileDigests.fileStat($1)?.size ?? 0) }, used: used))
            }
        }
        for shard in list(store.manifestsDir) {
            for name in list(shard) where !name.contains(AtomicFile.temporaryInfix) {
                guard let st = FileDigests.fileStat(name) else { continue }
                items.append(Item(path: name, bytes: st.size, used: st.mtime))
            }
        }
        return items
    }

    /// tmp/'s old entries, and a manifest's temporary file that a killed run left beside it.
    private static func removeLitter(_ store: CacheStore, olderThan cutoff: Date) {
        let limit = Int64(cutoff.timeIntervalSince1970) * 1_000_000_000
        let manifestTemps = list(store.manifestsDir).flatMap(list).filter { $0.contains(AtomicFile.temporaryInfix) }
        for name in list(store.tmpDir) + manifestTemps where (mtime(name) ?? 0) < limit {
            try? FileManager.default.removeItem(atPath: name)
        }
        // Tool and probe answers no run has read for 30 days: compilers of an old rebootstrap (a read touches them).
        let stale = limit - 30 * 86_400 * 1_000_000_000
        for name in list(store.root + "/tools") + list(store.root + "/probes") where (mtime(name) ?? 0) < stale {
            try? FileManager.default.removeItem(atPath: name)
        }
    }

    private static func list(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).map { dir + "/" + $0 }
    }

    private static func mtime(_ path: String) -> Int64? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        return Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
    }
}
