import Foundation

/// The machines the tests build for.
enum Arch: String, CaseIterable, Sendable, CustomStringConvertible {
    case x86_64, i686, aarch64
    var description: String { rawValue }

    /// The `machine` string the reader must give (the definitions).
    var machine: String {
        switch self {
        case .x86_64: "x86_64"
        case .i686: "i386"
        case .aarch64: "aarch64"
        }
    }

    var elfClass: Int { self == .i686 ? 32 : 64 }

    var interpreter: String {
        switch self {
        case .x86_64: "/lib64/ld-linux-x86-64.so.2"
        case .i686: "/lib/ld-linux.so.2"
        case .aarch64: "/lib/ld-linux-aarch64.so.1"
        }
    }
}

/// A compiler family: GNU (gcc, g++, aarch64-linux-gnu-gcc/g++) or LLVM (clang-19, clang++-19).
enum Family: String, CaseIterable, Sendable, CustomStringConvertible {
    case gcc, clang
    var description: String { rawValue }
}

enum Language: Sendable {
    case c, cxx
    var suffix: String { self == .c ? "c" : "cc" }
}

/// One real compiler invocation: the driver to run and the flags that select the target.
struct Compiler: Sendable, CustomStringConvertible {
    var family: Family
    var arch: Arch
    var language: Language

    var driver: String {
        switch (family, arch, language) {
        case (.gcc, .aarch64, .c): "aarch64-linux-gnu-gcc"
        case (.gcc, .aarch64, .cxx): "aarch64-linux-gnu-g++"
        case (.gcc, _, .c): "gcc"
        case (.gcc, _, .cxx): "g++"
        case (.clang, _, .c): "clang-19"
        case (.clang, _, .cxx): "clang++-19"
        }
    }

    var description: String { "\(driver) (\(arch))" }

    /// Flags that select the target. i686 gets an -idirafter directory holding an `asm` link to the
    /// x86_64 kernel headers: Debian 12 without gcc-multilib's asm directory cannot find <asm/errno.h>.
    func targetFlags(in scratch: Scratch) throws -> [String] {
        switch (family, arch) {
        case (_, .x86_64): return []
        case (_, .i686): return ["-m32", "-idirafter", try i686AsmDirectory(in: scratch)]
        case (.gcc, .aarch64): return []
        case (.clang, .aarch64): return ["--target=aarch64-linux-gnu"]
        }
    }

    private func i686AsmDirectory(in scratch: Scratch) throws -> String {
        let dir = scratch.path("i686-include")
        let link = dir + "/asm"
        if !FileManager.default.fileExists(atPath: link) {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(
                atPath: link, withDestinationPath: "/usr/include/x86_64-linux-gnu/asm")
        }
        return dir
    }

    static func gcc(_ arch: Arch = .x86_64) -> Compiler { Compiler(family: .gcc, arch: arch, language: .c) }
    static func gxx(_ arch: Arch = .x86_64) -> Compiler { Compiler(family: .gcc, arch: arch, language: .cxx) }
    static func clang(_ arch: Arch = .x86_64) -> Compiler { Compiler(family: .clang, arch: arch, language: .c) }
    static func clangxx(_ arch: Arch = .x86_64) -> Compiler { Compiler(family: .clang, arch: arch, language: .cxx) }
}

extension Scratch {
    /// Compiles `source` with a real compiler into this directory and returns the output's path.
    /// Every call has a time limit; a missing compiler fails naming it.
    @discardableResult
    func build(
        _ compiler: Compiler, _ source: String, flags: [String] = [], output: String,
        sourceName: String? = nil
    ) throws -> String {
        let src = try write(sourceName ?? "\(output).\(compiler.language.suffix)", source)
        let out = path(output)
        try Spawn.check(compiler.driver, try compiler.targetFlags(in: self) + flags + [src, "-o", out], in: url)
        return out
    }

    /// Compiles to an object file (`-c`).
    @discardableResult
    func object(_ compiler: Compiler, _ source: String, flags: [String] = [], output: String) throws -> String {
        try build(compiler, source, flags: ["-c"] + flags, output: output)
    }
}
