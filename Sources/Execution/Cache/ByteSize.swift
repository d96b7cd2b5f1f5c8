import Foundation

/// Sizes as users write them: `500M`, `5G`, `1.5G`, `2048K`, or bytes.
package enum ByteSize {
    package static func parse(_ text: String) -> Int64? {
        let units: [Character: Double] = ["K": 1024, "M": 1024 * 1024, "G": 1024 * 1024 * 1024, "T": 1024 * 1024 * 1024 * 1024]
        var s = text.uppercased()
        if s.hasSuffix("IB") { s.removeLast(2) } else if s.hasSuffix("B") { s.removeLast() }
        var factor = 1.0
        if let last = s.last, let f = units[last] {
            factor = f
            s.removeLast()
        }
        guard let n = Double(s), n.isFinite, n > 0, n * factor < 9e18 else { return nil }
        return Int64(n * factor)
    }

    package static func describe(_ bytes: Int64) -> String {
        let mib = Double(bytes) / 1_048_576
        return mib >= 1024 ? String(format: "%.1f GiB", mib / 1024) : String(format: "%.1f MiB", mib)
    }
}
