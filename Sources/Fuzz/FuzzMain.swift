import FuzzCore

/// `toolgate-fuzz elf|matrix|report ARGS...`: every fuzz target, the ELF reader (libelf, libdw, libzstd)
/// among them (docs/fuzzing.md).
@main
struct FuzzMain {
    static func main() {
        FuzzDriver.main(name: "toolgate-fuzz", targets: [ELFTarget.target, .matrix, .report])
    }
}
