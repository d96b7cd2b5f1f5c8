import Testing

@testable import ELFInspection

/// libgcc: "shared" (libgcc_s.so.1 needed), "static" (its unwinder or helpers inside), "none", or
/// "unknown" (no symbols to tell).
@Suite("libgcc linkage", .blocking)
struct LibgccTests {
    @Test("C++ by default needs libgcc_s.so.1: shared", arguments: Arch.allCases)
    func shared(_ arch: Arch) throws {
        let dir = try Scratch()
        let f = try facts(try dir.build(.gxx(arch), Programs.throwing, output: "shared"))
        #expect(f.needed.contains("libgcc_s.so.1"))
        #expect(f.libgcc == .shared)
    }

    @Test("-static-libgcc copies the unwinder in: static", arguments: Arch.allCases)
    func staticLibgcc(_ arch: Arch) throws {
        let dir = try Scratch()
        let exe = try dir.build(.gxx(arch), Programs.throwing, flags: ["-static-libgcc"], output: "static-libgcc")
        #expect(try Readelf.symbols(exe).contains { $0.hasPrefix("_Unwind_") }, "the fixture must define the unwinder")
        let f = try facts(exe)
        #expect(!f.needed.contains("libgcc_s.so.1"))
        #expect(f.libgcc == .static)
    }

    @Test("a plain dynamic C program: none", arguments: [Compiler.gcc(.x86_64), .gcc(.aarch64), .clang(.x86_64)])
    func none(_ compiler: Compiler) throws {
        let dir = try Scratch()
        let f = try facts(try dir.build(compiler, Programs.hello, output: "plain"))
        #expect(f.libgcc == .none)
    }

    @Test("64-bit division on i686 copies libgcc's __divdi3 helpers in: static")
    func i686Helpers() throws {
        let dir = try Scratch()
        let exe = try dir.build(.gcc(.i686), Programs.longDivision, flags: ["-O1"], output: "div32")
        let symbols = try Readelf.symbols(exe)
        #expect(symbols.contains { $0 == "__divdi3" || $0 == "__moddi3" || $0 == "__divmoddi4" }, "the fixture must define a helper")
        #expect(try facts(exe).libgcc == .static)
    }

    @Test("a stripped static program: unknown", arguments: Arch.allCases)
    func strippedStatic(_ arch: Arch) throws {
        let dir = try Scratch()
        let exe = try dir.build(.gxx(arch), Programs.throwing, flags: ["-static", "-s"], output: "stripped")
        #expect(try facts(exe).libgcc == .unknown)
    }

    @Test("stripping a dynamic program keeps .dynsym: shared stays shared")
    func strippedDynamic() throws {
        let dir = try Scratch()
        let exe = try dir.build(.gxx(), Programs.throwing, flags: ["-s"], output: "stripped-dyn")
        #expect(try facts(exe).libgcc == .shared)
    }
}
