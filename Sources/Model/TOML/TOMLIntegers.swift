extension TOMLParser {
    /// `42`, `-7`, `1_000`, `0x1F`, `0o17`, `0b101`: nil when the word is not written as an integer; an error
    /// when it is but does not fit in 64 bits (a trap before: `--9223372036854775808` negated Int.min).
    static func integer(_ word: String, at location: SourceLocation) throws(TOMLError) -> Int? {
        var digits = Substring(word)
        var negative = false
        if let sign = digits.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            digits.removeFirst()
        }
        var radix = 10
        for (prefix, r) in [("0x", 16), ("0o", 8), ("0b", 2)] where digits.hasPrefix(prefix) {
            digits.removeFirst(2)
            radix = r
        }
        guard !digits.isEmpty, !digits.hasPrefix("_"), !digits.hasSuffix("_"), !digits.contains("__") else { return nil }
        guard digits.allSatisfy({ $0 == "_" || ($0.isASCII && $0.hexDigitValue.map { $0 < radix } == true) }) else { return nil }
        // The sign goes to Int's own parser, so -9223372036854775808 is read and nothing is negated.
        let text = (negative ? "-" : "") + digits.filter { $0 != "_" }
        guard let value = Int(text, radix: radix) else {
            throw TOMLError("integer '\(word)' is out of range; integers are 64-bit, -9223372036854775808 to 9223372036854775807", at: location)
        }
        return value
    }
}
