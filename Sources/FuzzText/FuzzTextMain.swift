import FuzzCore

/// `toolgate-fuzz-text matrix|report ARGS...`: the matrix parser and the report reader in an executable that
/// links no C library of the ELF reader, as `toolgate compare` and `merge` would need none (docs/fuzzing.md).
@main
struct FuzzTextMain {
    static func main() {
        FuzzDriver.main(name: "toolgate-fuzz-text", targets: [.matrix, .report])
    }
}
