/// `--shard K/N`: the K-th of N disjoint parts of a plan that together make the whole of it.
///
/// A build unit (the cells that differ only in link mode) goes whole to one shard, so its sources are still
/// compiled once. The shard of a unit is FNV-1a (64-bit) of its key `fixture/compiler/target/opt`, modulo N,
/// plus one: it depends on nothing but the key, so every machine, every order and every rerun agree.
/// (Swift's Hasher is seeded per process and would not.)
package struct Shard: Sendable, Codable, Equatable, CustomStringConvertible {
    /// 1-based.
    package var index: Int
    package var count: Int

    package init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `K/N` with 1 ≤ K ≤ N; nil for anything else.
    package init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, k >= 1, k <= n else { return nil }
        self.init(index: k, count: n)
    }

    package var description: String { "\(index)/\(count)" }

    private enum CodingKeys: String, CodingKey { case index, count }

    /// A report's shard is read with the rule of `--shard`: `merge` relies on 1 ≤ K ≤ N (a count of 0 trapped it).
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let index = try c.decode(Int.self, forKey: .index), count = try c.decode(Int.self, forKey: .count)
        guard count >= 1, index >= 1, index <= count else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath, debugDescription: "shard \(index)/\(count) is not K/N with 1 ≤ K ≤ N"))
        }
        self.init(index: index, count: count)
    }

    /// The 1-based shard of a build unit's key among `count` shards.
    package static func number(ofUnitKey key: String, count: Int) -> Int {
        Int(FNV1a.hash64(key) % UInt64(count)) + 1
    }

    package func contains(unitKey key: String) -> Bool { Self.number(ofUnitKey: key, count: count) == index }
}

/// FNV-1a, 64-bit, over the UTF-8 bytes: offset basis 0xcbf29ce484222325, prime 0x100000001b3.
package enum FNV1a {
    package static func hash64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
