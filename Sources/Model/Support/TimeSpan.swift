/// `--time-limit 30m`: seconds from `90`, `90s`, `30m`, `2h`.
package enum TimeSpan {
    package static func seconds(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600]
        var digits = Substring(t)
        var unit = 1
        if let last = t.last, let u = units[last] {
            unit = u
            digits = t.dropLast()
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let n = Int(digits), n > 0, n <= 7 * 24 * 3600 / unit else { return nil }
        return n * unit
    }
}
