import Testing

@testable import ELFInspection

/// The four link modes of the matrix, built for every machine with the real compilers, and the facts
/// the definitions give for each: interpreter, static, pie, type, needed and libgcc.
enum LinkMode: String, CaseIterable, Sendable, CustomStringConvertible {
    case sharedLibgcc = "shared-libgcc"
    case staticLibgcc = "static-libgcc"
    case fullyStatic = "static"
    case staticPIE = "static-pie"

    var description: String { rawValue }

    var flags: [String] {
        switch self {
        case .sharedLibgcc: []
        case .staticLibgcc: ["-static-libgcc"]
        case .fullyStatic: ["-static"]
        case .staticPIE: ["-static-pie"]
        }
    }
}

struct LinkModeCase: Sendable, CustomStringConvertible {
    var compiler: Compiler
    var mode: LinkMode
    var description: String { "\(compiler) \(mode)" }
}

private let linkModeCases: [LinkModeCase] = {
    var cases: [LinkModeCase] = []
    for arch in Arch.allCases {
        for mode in LinkMode.allCases { cases.append(LinkModeCase(compiler: .gxx(arch), mode: mode)) }
    }
    for arch in [Arch.x86_64, .aarch64] {
        for mode in LinkMode.allCases { cases.append(LinkModeCase(compiler: .clangxx(arch), mode: mode)) }
    }
    return cases
}()

@Suite("link modes", .blocking)
struct LinkModeTests {
    @Test("C++ that throws, in every link mode and machine", arguments: linkModeCases)
    func linkMode(_ c: LinkModeCase) throws {
        let dir = try Scratch()
        let exe = try dir.build(c.compiler, Programs.throwing, flags: ["-O1"] + c.mode.flags, output: "prog")
        let f = try facts(exe)
        let r = try ReadelfView(path: exe)
        expectMatchesReadelf(f, r)
        expectDerivedMatch(f, r)

        #expect(f.elfClass == c.compiler.arch.elfClass)
        #expect(f.machine == c.compiler.arch.machine)
        switch c.mode {
        case .sharedLibgcc:
            #expect(f.type == .dyn)
            #expect(f.interpreter == c.compiler.arch.interpreter)
            #expect(f.pie)
            #expect(!f.isStatic)
            #expect(f.needed.contains("libgcc_s.so.1"))
            #expect(f.needed.contains("libstdc++.so.6"))
            #expect(f.libgcc == .shared)
        case .staticLibgcc:
            #expect(f.type == .dyn)
            #expect(f.interpreter == c.compiler.arch.interpreter)
            #expect(f.pie)
            #expect(!f.isStatic)
            #expect(!f.needed.contains("libgcc_s.so.1"))
            #expect(f.libgcc == .static)
        case .fullyStatic:
            #expect(f.type == .exec)
            #expect(f.interpreter == nil)
            #expect(!f.pie)
            #expect(f.isStatic)
            #expect(f.needed.isEmpty)
            #expect(f.libgcc == .static)
        case .staticPIE:
            #expect(f.type == .dyn)
            #expect(f.interpreter == nil)
            #expect(f.pie, "static-pie: DF_1_PIE without PT_INTERP is still pie")
            #expect(f.isStatic, "static-pie counts as static")
            #expect(f.needed.isEmpty)
            #expect(f.libgcc == .static)
        }
        #expect(f.warnings.isEmpty, "warnings on a well-formed file: \(f.warnings)")
    }

    @Test("-no-pie gives a dynamic, non-PIE executable", arguments: Arch.allCases)
    func noPIE(_ arch: Arch) throws {
        let dir = try Scratch()
        let exe = try dir.build(.gcc(arch), Programs.hello, flags: ["-no-pie"], output: "nopie")
        let f = try facts(exe)
        #expect(f.type == .exec)
        #expect(f.interpreter == arch.interpreter)
        #expect(!f.pie)
        #expect(!f.isStatic, "an exec with PT_INTERP is not static")
        #expect(f.needed == ["libc.so.6"])
        expectDerivedMatch(f, try ReadelfView(path: exe))
    }

    @Test("a static C program is static, not pie, with no interpreter", arguments: Arch.allCases)
    func staticC(_ arch: Arch) throws {
        let dir = try Scratch()
        let exe = try dir.build(.gcc(arch), Programs.hello, flags: ["-static"], output: "static-c")
        let f = try facts(exe)
        #expect(f.type == .exec)
        #expect(f.isStatic)
        #expect(!f.pie)
        #expect(f.interpreter == nil)
        #expect(f.needed.isEmpty)
        #expect(f.versionNeeds.entries.isEmpty)
        #expect(f.glibcMax == nil)
    }
}
