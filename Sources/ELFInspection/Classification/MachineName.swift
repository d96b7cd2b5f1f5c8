import CLibElf

enum MachineName {
    /// "x86_64", "i386", "aarch64", "arm", "riscv", else "EM_<number>".
    static func name(_ code: UInt16) -> String {
        switch Int32(code) {
        case EM_X86_64: "x86_64"
        case EM_386: "i386"
        case EM_AARCH64: "aarch64"
        case EM_ARM: "arm"
        case EM_RISCV: "riscv"
        default: "EM_\(code)"
        }
    }
}
