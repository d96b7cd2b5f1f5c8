import Testing

@testable import ELFInspection

/// The same flags through the three linkers on this machine (GNU ld, gold, lld-19): their files are laid
/// out differently, the facts must not be.
@Suite("linkers", .blocking)
struct LinkerTests {
    static let configurations: [(String, [String])] = [
        ("default", []),
        ("now", ["-Wl,-z,relro", "-Wl,-z,now"]),
        ("lazy", ["-Wl,-z,relro", "-Wl,-z,lazy"]),
        ("norelro", ["-Wl,-z,norelro"]),
        ("execstack", ["-Wl,-z,execstack"]),
        ("rpath", ["-Wl,--disable-new-dtags", "-Wl,-rpath,/opt/x:/opt/y"]),
        ("runpath", ["-Wl,--enable-new-dtags", "-Wl,-rpath,/opt/x:/opt/y"]),
        ("no-pie", ["-no-pie"]),
        ("static-pie", ["-static-pie"]),
        ("static", ["-static"]),
    ]

    @Test("facts agree with readelf for every linker and flag set", arguments: ["bfd", "gold", "lld"], [Arch.x86_64, .aarch64])
    func linker(_ linker: String, _ arch: Arch) throws {
        let dir = try Scratch()
        for (name, flags) in Self.configurations {
            if linker == "gold", name == "static-pie" { continue }  // gold cannot link static-pie
            let exe = try dir.build(.clang(arch), Programs.hello, flags: ["-fuse-ld=\(linker)"] + flags, output: "\(linker)-\(name)")
            let f = try facts(exe)
            let r = try ReadelfView(path: exe)
            expectMatchesReadelf(f, r)
            expectDerivedMatch(f, r)
            #expect(f.warnings.isEmpty, "\(linker) \(name): \(f.warnings)")
            #expect(f.sizes == (try expectedSizes(exe)), "\(linker) \(name)")
        }
    }
}
