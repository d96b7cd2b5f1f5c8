/// DW_LANG codes as the names DWARF gives them, without the prefix ("C11", "C_plus_plus_14").
enum DwarfLanguage {
    static func name(_ code: Int) -> String {
        if let known = names[code] { return known }
        return "DW_LANG_0x" + String(code, radix: 16)
    }

    private static let names: [Int: String] = [
        0x01: "C89", 0x02: "C", 0x03: "Ada83", 0x04: "C_plus_plus", 0x05: "Cobol74", 0x06: "Cobol85",
        0x07: "Fortran77", 0x08: "Fortran90", 0x09: "Pascal83", 0x0a: "Modula2", 0x0b: "Java", 0x0c: "C99",
        0x0d: "Ada95", 0x0e: "Fortran95", 0x0f: "PLI", 0x10: "ObjC", 0x11: "ObjC_plus_plus", 0x12: "UPC",
        0x13: "D", 0x14: "Python", 0x15: "OpenCL", 0x16: "Go", 0x17: "Modula3", 0x18: "Haskell",
        0x19: "C_plus_plus_03", 0x1a: "C_plus_plus_11", 0x1b: "OCaml", 0x1c: "Rust", 0x1d: "C11",
        0x1e: "Swift", 0x1f: "Julia", 0x20: "Dylan", 0x21: "C_plus_plus_14", 0x22: "Fortran03",
        0x23: "Fortran08", 0x24: "RenderScript", 0x25: "BLISS", 0x26: "Kotlin", 0x27: "Zig",
        0x28: "Crystal", 0x2a: "C_plus_plus_17", 0x2b: "C_plus_plus_20", 0x2c: "C17",
        0x8001: "Mips_Assembler",
    ]
}
