/// Seeds back to the short form `SeedList` reads: `1-20,42`.
package enum SeedRanges {
    package static func format(_ seeds: [UInt64]) -> String {
        var parts: [String] = []
        var i = 0
        while i < seeds.count {
            var j = i
            while j + 1 < seeds.count, seeds[j + 1] == seeds[j] + 1 { j += 1 }
            parts.append(j > i ? "\(seeds[i])-\(seeds[j])" : "\(seeds[i])")
            i = j + 1
        }
        return parts.joined(separator: ",")
    }
}
