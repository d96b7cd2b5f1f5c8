/// `x86_isa_needed`: GNU_PROPERTY_X86_ISA_1_NEEDED (0xc0008002, binutils 2.35 and later; `ld -z
/// x86-64-v3` writes it) is a bit mask: 1 baseline, 2 v2, 4 v3, 8 v4. The bits are not cumulative (readelf
/// prints "x86-64-baseline, x86-64-v3" for a v3 build), so each set bit is named, as readelf names it.
/// The property number is processor-specific: it means this only on x86 (EM_386, EM_X86_64).
enum X86ISALevel {
    static let neededProperty: UInt32 = 0xc000_8002

    static func names(_ bits: UInt32?, machine: UInt16) -> [String]? {
        guard let bits, machine == 3 || machine == 62 else { return nil }
        let known: [(UInt32, String)] = [(1, "x86-64-baseline"), (2, "x86-64-v2"), (4, "x86-64-v3"), (8, "x86-64-v4")]
        var out = known.filter { bits & $0.0 != 0 }.map(\.1)
        let unknown = bits & ~0xf
        if unknown != 0 { out.append("unknown bits 0x\(String(unknown, radix: 16))") }
        return out
    }
}
