import Testing

@testable import ELFInspection

/// needed, soname, rpath, runpath, bind_now, relro, nx_stack and textrel: the dynamic section and the
/// program headers, each set by a real linker flag.
@Suite("dynamic section and segments", .blocking)
struct DynamicSectionTests {
    @Test("needed keeps file order", arguments: [Compiler.gcc(.x86_64), .gcc(.i686), .gcc(.aarch64), .clang(.x86_64)])
    func neededOrder(_ compiler: Compiler) throws {
        let dir = try Scratch()
        for name in ["zeta", "alpha", "mid"] {
            try dir.build(
                compiler, "int \(name)_value(void) { return \(name.count); }\n",
                flags: ["-shared", "-fPIC", "-Wl,-soname,lib\(name).so.1"], output: "lib\(name).so")
        }
        let main = """
            int zeta_value(void); int alpha_value(void); int mid_value(void);
            int main(void) { return zeta_value() + alpha_value() + mid_value(); }
            """
        let exe = try dir.build(
            compiler, main, flags: ["-L", dir.path, "-Wl,--no-as-needed", "-lzeta", "-lalpha", "-lmid"],
            output: "ordered")
        let f = try facts(exe)
        #expect(f.needed == ["libzeta.so.1", "libalpha.so.1", "libmid.so.1", "libc.so.6"])
        #expect(f.needed == (try ReadelfView(path: exe)).needed)
        #expect(f.libgcc == .none, "a C program that needs nothing of libgcc")
    }

    @Test("a shared library with a soname", arguments: Arch.allCases)
    func soname(_ arch: Arch) throws {
        let dir = try Scratch()
        let lib = try dir.build(
            .gcc(arch), Programs.library, flags: ["-shared", "-fPIC", "-Wl,-soname,libtoolgate-test.so.3"],
            output: "libtoolgate-test.so.3.1")
        let f = try facts(lib)
        #expect(f.soname == "libtoolgate-test.so.3")
        #expect(f.type == .dyn)
        #expect(!f.pie)
        // Debian's gcc links with --as-needed: a library calling nothing of libc needs nothing.
        #expect(f.needed == (try ReadelfView(path: lib)).needed)
        expectMatchesReadelf(f, try ReadelfView(path: lib))
    }

    @Test("DT_RPATH with --disable-new-dtags, split at ':'", arguments: Arch.allCases)
    func rpath(_ arch: Arch) throws {
        let dir = try Scratch()
        let exe = try dir.build(
            .gcc(arch), Programs.hello,
            flags: ["-Wl,--disable-new-dtags", "-Wl,-rpath,/opt/toolgate/lib:/opt/other", "-Wl,-rpath,$ORIGIN/../lib"],
            output: "with-rpath")
        let f = try facts(exe)
        #expect(f.rpath == ["/opt/toolgate/lib", "/opt/other", "$ORIGIN/../lib"])
        #expect(f.runpath == [])
        expectMatchesReadelf(f, try ReadelfView(path: exe))
    }

    @Test("DT_RUNPATH with --enable-new-dtags, split at ':'", arguments: Arch.allCases)
    func runpath(_ arch: Arch) throws {
        let dir = try Scratch()
        let exe = try dir.build(
            .clang(arch), Programs.hello,
            flags: ["-Wl,--enable-new-dtags", "-Wl,-rpath,/opt/run/a:/opt/run/b", "-Wl,-rpath,$ORIGIN"],
            output: "with-runpath")
        let f = try facts(exe)
        #expect(f.runpath == ["/opt/run/a", "/opt/run/b", "$ORIGIN"])
        #expect(f.rpath == [])
        expectMatchesReadelf(f, try ReadelfView(path: exe))
    }

    @Test("no rpath or runpath by default")
    func noRpath() throws {
        let dir = try Scratch()
        let f = try facts(try dir.build(.gcc(), Programs.hello, output: "plain"))
        #expect(f.rpath == [])
        #expect(f.runpath == [])
        #expect(f.soname == nil)
    }

    @Test("-z now: bind_now and full relro", arguments: Arch.allCases)
    func bindNow(_ arch: Arch) throws {
        let dir = try Scratch()
        let exe = try dir.build(.gcc(arch), Programs.hello, flags: ["-Wl,-z,relro", "-Wl,-z,now"], output: "now")
        let f = try facts(exe)
        #expect(f.bindNow)
        #expect(f.relro == .full)
        expectDerivedMatch(f, try ReadelfView(path: exe))
    }

    @Test("-z lazy with relro: partial relro", arguments: Arch.allCases)
    func partialRelro(_ arch: Arch) throws {
        let dir = try Scratch()
        let exe = try dir.build(.gcc(arch), Programs.hello, flags: ["-Wl,-z,relro", "-Wl,-z,lazy"], output: "lazy")
        let f = try facts(exe)
        #expect(!f.bindNow)
        #expect(f.relro == .partial)
        expectDerivedMatch(f, try ReadelfView(path: exe))
    }

    @Test("-z norelro: relro none", arguments: Arch.allCases)
    func noRelro(_ arch: Arch) throws {
        let dir = try Scratch()
        let exe = try dir.build(.gcc(arch), Programs.hello, flags: ["-Wl,-z,norelro"], output: "norelro")
        let f = try facts(exe)
        #expect(f.relro == .none)
        expectDerivedMatch(f, try ReadelfView(path: exe))
    }

    @Test("-z norelro -z now: bind_now without relro is still relro none")
    func nowWithoutRelro() throws {
        let dir = try Scratch()
        let exe = try dir.build(.gcc(), Programs.hello, flags: ["-Wl,-z,norelro", "-Wl,-z,now"], output: "now-norelro")
        let f = try facts(exe)
        #expect(f.bindNow)
        #expect(f.relro == .none)
    }

    @Test("nx_stack by default, executable stack with -z execstack", arguments: Arch.allCases)
    func stack(_ arch: Arch) throws {
        let dir = try Scratch()
        let nx = try facts(try dir.build(.gcc(arch), Programs.hello, output: "nx"))
        #expect(nx.nxStack)
        let exec = try dir.build(.gcc(arch), Programs.hello, flags: ["-Wl,-z,execstack"], output: "execstack")
        let x = try facts(exec)
        #expect(!x.nxStack)
        expectDerivedMatch(x, try ReadelfView(path: exec))
    }

    @Test("no PT_GNU_STACK counts as an executable stack")
    func missingStackSegment() throws {
        let dir = try Scratch()
        // The linker writes PT_GNU_STACK from the objects' .note.GNU-stack sections: an object
        // without one, linked alone, gives a file without the segment.
        let obj = try dir.object(.gcc(), "void _start(void) { for (;;) {} }\n", flags: ["-O1"], output: "start.o")
        try Spawn.check("objcopy", ["--remove-section=.note.GNU-stack", obj])
        let exe = dir.path("nostack")
        try Spawn.check("ld", ["-o", exe, obj])
        let r = try ReadelfView(path: exe)
        #expect(!r.hasSegment("GNU_STACK"), "the fixture must lack PT_GNU_STACK")
        let f = try facts(exe)
        #expect(!f.nxStack)
        #expect(f.isStatic)
        #expect(f.type == .exec)
        #expect(f.libgcc == .none || f.libgcc == .unknown)
    }

    @Test("a TEXTREL i686 library: -m32 -fno-pic -shared -Wl,-z,notext")
    func textrel() throws {
        let dir = try Scratch()
        let lib = try dir.build(
            .gcc(.i686), Programs.textrelLibrary, flags: ["-fno-pic", "-shared", "-Wl,-z,notext"],
            output: "libtextrel.so")
        let r = try ReadelfView(path: lib)
        #expect(r.dynamicTags["TEXTREL"] != nil || r.flags.contains("TEXTREL"), "the fixture must have text relocations")
        let f = try facts(lib)
        #expect(f.textrel)
        #expect(f.elfClass == 32)
        expectDerivedMatch(f, r)

        let clean = try facts(try dir.build(.gcc(.i686), Programs.textrelLibrary, flags: ["-fPIC", "-shared"], output: "libpic.so"))
        #expect(!clean.textrel)
    }
}
