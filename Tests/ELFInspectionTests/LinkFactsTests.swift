import Foundation
import Testing

@testable import ELFInspection

/// The facts `resolve` reads (`ELFInspector.linkFacts`): version definitions, versioned imports and
/// exports, checked against readelf's own view of the same files, real and patched.
@Suite(.timeLimit(.minutes(3)), .blocking) struct LinkFactsTests {
    /// readelf --dyn-syms -W: the versioned defined (exported) and undefined (imported) symbols.
    static func readelfVersioned(_ path: String) throws -> (exports: Set<String>, imports: Set<String>) {
        let out = try Spawn.check("readelf", ["--dyn-syms", "-W", path], timeout: .seconds(60)).stdout
        var exports: Set<String> = [], imports: Set<String> = []
        for line in out.split(separator: "\n") {
            let f = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard f.count >= 8, f[0].hasSuffix(":"), f[7].contains("@") else { continue }
            let name = f[7].replacingOccurrences(of: "@@", with: "@")
            // A defined symbol with "(n)" after it takes its version from a need (a copy relocation in an
            // executable): the file defines no such version.
            let fromNeed = f.count > 8 && f[8].hasPrefix("(")
            if f[6] == "UND" {
                imports.insert(name)
            } else if f[4] != "LOCAL", f[5] == "DEFAULT" || f[5] == "PROTECTED", !fromNeed {
                exports.insert(name)
            }
        }
        return (exports, imports)
    }

    /// Ours, less the symbols that name a version itself (`GLIBC_2.34`, ABS), which readelf shows bare.
    static func exported(_ f: LinkFacts) -> Set<String> {
        Set(f.versionedExports.filter { $0.name != $0.version }.map(\.description))
    }

    static func facts(_ path: String) throws -> LinkFacts {
        switch ELFInspector.linkFacts(path: path) {
        case .success(let f): return f
        case .failure(let e): throw SpawnError(description: e.description)
        }
    }

    @Test func aVersionScriptLibraryAndItsProgram() throws {
        let s = try Scratch()
        try s.write("x.map", "LIBX_1.0 { global: x1; f; local: *; };\nLIBX_2.0 { global: x2; f; } LIBX_1.0;\n")
        // f has two versions: f@LIBX_1.0 (hidden, the old one) and f@@LIBX_2.0 (the default).
        let lib = try s.build(.gcc(), """
            int x1(void) { return 1; }
            int x2(void) { return 2; }
            int old_f(void) { return 1; }
            int new_f(void) { return 2; }
            __asm__(".symver old_f,f@LIBX_1.0");
            __asm__(".symver new_f,f@@LIBX_2.0");
            """, flags: ["-shared", "-fPIC", "-Wl,-soname,libx.so.1", "-Wl,--version-script=x.map"], output: "libx.so.1")
        try FileManager.default.createSymbolicLink(atPath: s.path("libx.so"), withDestinationPath: "libx.so.1")
        let prog = try s.build(.gcc(), "int x1(void);\nint x2(void);\nint f(void);\nint main(void) { return x1() + x2() + f(); }\n",
                               flags: ["-L\(s.path)", "-Wl,--no-as-needed", "-lx"], output: "prog")

        let l = try Self.facts(lib)
        #expect(l.soname == "libx.so.1")
        #expect(l.versionDefinitions == ["LIBX_1.0", "LIBX_2.0"])
        let libView = try Self.readelfVersioned(lib)
        #expect(Self.exported(l) == libView.exports)
        #expect(l.versionedExports.contains(SymbolVersion(name: "f", version: "LIBX_1.0")))
        #expect(l.versionedExports.contains(SymbolVersion(name: "f", version: "LIBX_2.0")))

        let p = try Self.facts(prog)
        #expect(p.versionDefinitions == nil)
        #expect(p.needed.contains("libx.so.1"))
        #expect(Set(p.versionNeeds.filter { $0.library == "libx.so.1" }.map(\.version)) == ["LIBX_1.0", "LIBX_2.0"])
        #expect(Set(p.versionedImports.map(\.symbol.description)) == (try Self.readelfVersioned(prog)).imports)
        #expect(p.versionedImports.contains(VersionedSymbol(symbol: SymbolVersion(name: "x2", version: "LIBX_2.0"), library: "libx.so.1")))
        #expect(p.versionedImports.contains { $0.symbol == SymbolVersion(name: "f", version: "LIBX_2.0") })
    }

    @Test(arguments: ["/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/bin/ls",
                      "/usr/lib32/libc.so.6", "/usr/aarch64-linux-gnu/lib/libc.so.6"])
    func systemFilesAgreeWithReadelf(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            Issue.record("\(path) is missing (scripts/install-deps.sh installs its package)")
            return
        }
        let f = try Self.facts(path)
        let view = try Self.readelfVersioned(path)
        let exports = Self.exported(f)
        let imports = Set(f.versionedImports.map(\.symbol.description))
        #expect(exports == view.exports, "only ours: \(exports.subtracting(view.exports).sorted().prefix(10)); only readelf's: \(view.exports.subtracting(exports).sorted().prefix(10))")
        #expect(imports == view.imports, "only ours: \(imports.subtracting(view.imports).sorted().prefix(10)); only readelf's: \(view.imports.subtracting(imports).sorted().prefix(10))")
        if path.hasSuffix("libc.so.6") {
            #expect(f.versionDefinitions?.contains("GLIBC_2.34") == true)
        }
    }

    @Test func lyingVersionDefinitionsEndInAWarningNotACrash() throws {
        let s = try Scratch()
        try s.write("x.map", "LIBX_1.0 { global: x1; local: *; };\nLIBX_2.0 { global: x2; } LIBX_1.0;\n")
        let lib = try s.build(.gcc(), "int x1(void) { return 1; }\nint x2(void) { return 2; }\n",
                              flags: ["-shared", "-fPIC", "-Wl,--version-script=x.map"], output: "libx.so")
        var image = try ELFImage(path: lib)
        let verdef = try #require(image.section(".gnu.version_d"))
        // Verdef: vd_version(2) vd_flags(2) vd_ndx(2) vd_cnt(2) vd_hash(4) vd_aux(4) vd_next(4).
        image.write(verdef.fileOffset + 12, 4, 0x7fff_0000)   // the first entry's names far outside
        image.write(verdef.fileOffset + 16, 4, 0x7fff_fff0)   // and the next entry too
        let patched = try s.write("patched.so", bytes: image.bytes)
        let f = try Self.facts(patched)
        #expect(f.warnings.contains { $0.contains(".gnu.version_d") }, "\(f.warnings)")
    }
}

/// `$ORIGIN` and friends, and the root's ld.so.conf.
@Suite struct ResolutionPartsTests {
    let defaults = LoaderDefaults.forFile(elfClass: 64, machine: "x86_64")

    @Test(arguments: [
        ("$ORIGIN/lib", "/o/lib"), ("${ORIGIN}/../lib", "/o/../lib"), ("$ORIGIN", "/o"),
        ("/x/$LIB", "/x/lib/x86_64-linux-gnu"), ("/p/${PLATFORM}/y", "/p/x86_64/y"),
        ("$ORIGINAL/x", "$ORIGINAL/x"), ("$FOO", "$FOO"), ("a$", "a$"), ("", ""),
    ])
    func tokens(_ input: String, _ expected: String) {
        #expect(DynamicStringTokens.expand(input, origin: "/o", defaults: defaults) == expected)
    }

    @Test func rootedLookupsStayInTheRoot() throws {
        let s = try Scratch()
        let fm = FileManager.default
        try fm.createDirectory(atPath: s.path("root/lib"), withIntermediateDirectories: true)
        try s.write("root/lib/real.so", "x")
        try fm.createSymbolicLink(atPath: s.path("root/lib/abs.so"), withDestinationPath: "/lib/real.so")
        try fm.createSymbolicLink(atPath: s.path("root/lib/up.so"), withDestinationPath: "../../../../../lib/real.so")
        try fm.createSymbolicLink(atPath: s.path("root/lib/host.so"), withDestinationPath: "/etc/hostname")
        try fm.createSymbolicLink(atPath: s.path("root/lib/self.so"), withDestinationPath: "self.so")
        let fs = RootedFileSystem(root: s.path("root"))
        for name in ["abs.so", "up.so", "real.so"] {
            guard case .found(let f) = fs.lookup("/lib/\(name)") else {
                Issue.record("\(name) not found")
                continue
            }
            #expect(f.resolvedPath == "/lib/real.so")
            #expect(f.hostPath == s.path("root/lib/real.so"))
        }
        #expect(fs.lookup("/lib/host.so") == .missing)
        #expect(fs.lookup("/lib/self.so") == .failure("too many levels of symbolic links"))
        #expect(fs.lookup("/lib/real.so/x") == .missing)
        #expect(fs.lookup("/lib") == .failure("is a directory"))
        // A bound directory is seen at its own host path, whatever the root.
        let bound = RootedFileSystem(root: s.path("root"), bound: [s.path("out")])
        try fm.createDirectory(atPath: s.path("out"), withIntermediateDirectories: true)
        try s.write("out/prog", "y")
        if case .found(let f) = bound.lookup(s.path("out/prog")) { #expect(f.hostPath == s.path("out/prog")) }
        else { Issue.record("the bound file was not found") }
    }

    @Test func ldSoConfWithIncludesCommentsAndALoop() throws {
        let s = try Scratch()
        try FileManager.default.createDirectory(atPath: s.path("root/etc/ld.so.conf.d"), withIntermediateDirectories: true)
        for d in ["/opt/a", "/opt/b", "/opt/c"] { try FileManager.default.createDirectory(atPath: s.path("root" + d), withIntermediateDirectories: true) }
        try s.write("root/etc/ld.so.conf", "# top\n/opt/a/   # trailing comment\ninclude ld.so.conf.d/*.conf\n/opt/a\n")
        try s.write("root/etc/ld.so.conf.d/1.conf", "/opt/b=libc6\nhwcap 0 nosegneg\n")
        try s.write("root/etc/ld.so.conf.d/2.conf", "include /etc/ld.so.conf\n/opt/c\n")
        try s.write("root/etc/ld.so.conf.d/skip.txt", "/opt/never\n")
        let config = LoaderConfiguration.read(in: RootedFileSystem(root: s.path("root")))
        #expect(config.directories == ["/opt/a", "/opt/b", "/opt/c"])
        #expect(config.notes.contains { $0.contains("include loop") && $0.contains("/etc/ld.so.conf") }, "\(config.notes)")
    }
}
