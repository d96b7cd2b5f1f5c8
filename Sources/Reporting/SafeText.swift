/// Program output made safe to embed: terminal escape sequences removed, control characters dropped.
/// Swift strings are always valid Unicode, so invalid UTF-8 has already become U+FFFD when the output
/// was decoded (`String(decoding:as:)`); what is left is what each format must not carry raw.
package enum SafeText {
    /// Without ANSI/VT escape sequences (`ESC [ ... final`, `ESC ] ... BEL`, two-byte `ESC x`) and without
    /// control characters other than tab, newline and carriage return (with `keepLines`) or all of them.
    /// Also drops U+FFFE and U+FFFF, which XML 1.0 forbids.
    package static func clean(_ s: String, keepLines: Bool = true) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(s.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let v = scalars[i].value
            if v == 0x1B {
                i = skipEscape(scalars, from: i)
                continue
            }
            if isKept(v, keepLines: keepLines) { out.append(scalars[i]) }
            i += 1
        }
        return String(out)
    }

    /// One line, at most `limit` characters: newlines and tabs become spaces.
    package static func line(_ s: String, limit: Int = 300) -> String {
        let flat = String(clean(s).map { $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\r\n" ? " " : $0 })
        return flat.count > limit ? String(flat.prefix(limit)) + "…" : flat
    }

    /// At most `limit` characters: the tail, which is where a failure says why, after a line naming the cut.
    package static func capped(_ s: String, limit: Int, note: String) -> String {
        guard s.count > limit else { return s }
        return "[... \(s.count - limit) characters cut; \(note)]\n" + String(s.suffix(limit))
    }

    private static func isKept(_ v: UInt32, keepLines: Bool) -> Bool {
        if v == 0x09 || v == 0x0A || v == 0x0D { return keepLines }
        if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) { return false }
        return v != 0xFFFE && v != 0xFFFF
    }

    /// The index after the escape sequence starting at `start` (which holds ESC).
    private static func skipEscape(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start + 1
        guard i < s.count else { return i }
        switch s[i] {
        case "[":  // CSI: parameters and intermediates, then one final byte in @...~
            i += 1
            while i < s.count, !(0x40...0x7E).contains(s[i].value) { i += 1 }
            return min(i + 1, s.count)
        case "]":  // OSC: up to BEL or ESC \
            i += 1
            while i < s.count {
                if s[i].value == 0x07 { return i + 1 }
                if s[i].value == 0x1B, i + 1 < s.count, s[i + 1] == "\\" { return i + 2 }
                i += 1
            }
            return i
        default:
            return i + 1
        }
    }
}
