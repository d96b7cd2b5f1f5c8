/// A small streaming JSON writer for the outputs that must be fast (`inspect --json` over thousands of
/// files, where JSONEncoder's intermediate tree cost more than reading the ELF files). Pretty-printed with
/// two-space indentation; strings escaped per RFC 8259.
package struct JSONText {
    package private(set) var bytes: [UInt8] = []
    private var depth = 0
    /// Whether the current container already has a member, so the next one needs a comma.
    private var hasMember: [Bool] = []

    /// `depth` indents a value that will sit inside containers written elsewhere (an element of an array
    /// assembled from pieces rendered in parallel).
    package init(reserving capacity: Int = 4096, depth: Int = 0) {
        bytes.reserveCapacity(capacity)
        self.depth = depth
    }

    package var text: String { String(decoding: bytes, as: UTF8.self) }

    package mutating func beginObject() { openContainer(0x7b) }
    package mutating func endObject() { closeContainer(0x7d) }
    package mutating func beginArray() { openContainer(0x5b) }
    package mutating func endArray() { closeContainer(0x5d) }

    /// Starts a member of the current object; the value follows with one of the value calls.
    package mutating func key(_ k: String) {
        separate()
        appendString(k)
        bytes.append(0x3a)
        bytes.append(0x20)
        pendingValueAfterKey = true
    }

    package mutating func string(_ s: String) { beginValue(); appendString(s) }
    package mutating func string(_ s: String?) { if let s { string(s) } else { null() } }
    package mutating func int(_ n: Int) { beginValue(); bytes.append(contentsOf: String(n).utf8) }
    package mutating func bool(_ b: Bool) { beginValue(); bytes.append(contentsOf: (b ? "true" : "false").utf8) }
    package mutating func null() { beginValue(); bytes.append(contentsOf: "null".utf8) }

    package mutating func strings(_ list: [String]) {
        beginValue()
        if list.isEmpty { bytes.append(contentsOf: "[]".utf8); return }
        // Short lists of strings stay on one line: needed libraries read better that way.
        bytes.append(0x5b)
        for (i, s) in list.enumerated() {
            if i > 0 { bytes.append(0x2c); bytes.append(0x20) }
            appendString(s)
        }
        bytes.append(0x5d)
    }

    package mutating func ints(_ list: [Int]) {
        beginValue()
        bytes.append(0x5b)
        bytes.append(contentsOf: list.map(String.init).joined(separator: ", ").utf8)
        bytes.append(0x5d)
    }

    // MARK: - layout

    private var pendingValueAfterKey = false

    private mutating func beginValue() {
        if pendingValueAfterKey { pendingValueAfterKey = false } else { separate() }
    }

    private mutating func separate() {
        if let last = hasMember.last {
            if last { bytes.append(0x2c) }
            hasMember[hasMember.count - 1] = true
            newline()
        }
    }

    private mutating func openContainer(_ byte: UInt8) {
        beginValue()
        bytes.append(byte)
        depth += 1
        hasMember.append(false)
    }

    private mutating func closeContainer(_ byte: UInt8) {
        depth -= 1
        let hadMembers = hasMember.removeLast()
        if hadMembers { newline() }
        bytes.append(byte)
    }

    private mutating func newline() {
        bytes.append(0x0a)
        for _ in 0..<depth { bytes.append(0x20); bytes.append(0x20) }
    }

    private mutating func appendString(_ s: String) {
        var s = s
        s.makeContiguousUTF8()
        s.withUTF8 { appendEscaped($0) }
    }

    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(0x22)
        // Most strings need no escape: copy them whole.
        if !utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5c || $0 == 0x7f }) {
            bytes.append(contentsOf: utf8)
            bytes.append(0x22)
            return
        }
        for b in utf8 {
            switch b {
            case 0x22: bytes.append(0x5c); bytes.append(0x22)
            case 0x5c: bytes.append(0x5c); bytes.append(0x5c)
            case 0x0a: bytes.append(0x5c); bytes.append(0x6e)
            case 0x0d: bytes.append(0x5c); bytes.append(0x72)
            case 0x09: bytes.append(0x5c); bytes.append(0x74)
            case 0..<0x20, 0x7f:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: "\\u00".utf8)
                bytes.append(hex[Int(b >> 4)])
                bytes.append(hex[Int(b & 0xf)])
            default: bytes.append(b)
            }
        }
        bytes.append(0x22)
    }
}
