/// GLIBC_x.y[.z] version names, compared numerically (GLIBC_2.10 is above GLIBC_2.9).
package enum GlibcVersion {
    /// The numeric parts of "GLIBC_2.34", or nil for anything else (GLIBC_PRIVATE, GLIBCXX_3.4). Parsed on
    /// the UTF-8 bytes: this runs for every version name of every file.
    package static func components(_ name: String) -> [Int]? {
        var utf8 = name.utf8[...]
        guard utf8.starts(with: "GLIBC_".utf8) else { return nil }
        utf8 = utf8.dropFirst(6)
        var numbers: [Int] = []
        var current = 0
        var digits = 0
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard digits < 9 else { return nil }
                current = current * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            case UInt8(ascii: "."):
                guard digits > 0 else { return nil }
                numbers.append(current)
                current = 0
                digits = 0
            default:
                return nil
            }
        }
        guard digits > 0 else { return nil }
        numbers.append(current)
        return (2...3).contains(numbers.count) ? numbers : nil
    }

    /// The highest GLIBC_x.y[.z] among `names`, or nil when there is none.
    package static func maximum(of names: [String]) -> String? {
        var best: (name: String, parts: [Int])?
        for name in names {
            guard let parts = components(name) else { continue }
            if let b = best, parts.lexicographicallyPrecedes(b.parts) { continue }
            best = (name, parts)
        }
        return best?.name
    }
}
