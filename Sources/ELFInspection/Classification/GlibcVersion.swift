/// GLIBC_x.y[.z] version names, compared numerically (GLIBC_2.10 is above GLIBC_2.9).
enum GlibcVersion {
    /// The numeric parts of "GLIBC_2.34", or nil for anything else (GLIBC_PRIVATE, GLIBCXX_3.4).
    static func components(_ name: String) -> [Int]? {
        guard name.hasPrefix("GLIBC_") else { return nil }
        let parts = name.dropFirst(6).split(separator: ".", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count) else { return nil }
        var numbers: [Int] = []
        for p in parts {
            guard !p.isEmpty, p.allSatisfy(\.isASCII), let n = Int(p), n >= 0 else { return nil }
            numbers.append(n)
        }
        return numbers
    }

    /// The highest GLIBC_x.y[.z] among `names`, or nil when there is none.
    static func maximum(of names: [String]) -> String? {
        var best: (String, [Int])?
        for name in names {
            guard let c = components(name) else { continue }
            if let b = best, !c.lexicographicallyPrecedes(b.1) { best = (name, c) }
            else if best == nil { best = (name, c) }
        }
        return best?.0
    }
}
