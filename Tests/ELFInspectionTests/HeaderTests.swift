import Testing

@testable import ELFInspection

private let everyCompiler: [Compiler] = Arch.allCases.flatMap { arch in
    [Compiler.gcc(arch), .gxx(arch), .clang(arch), .clangxx(arch)]
}

/// class, machine and type: the ELF header, for every compiler and machine.
@Suite("ELF header", .blocking)
struct HeaderTests {
    @Test("class and machine of a hello program", arguments: everyCompiler)
    func classAndMachine(_ compiler: Compiler) throws {
        let dir = try Scratch()
        let source = compiler.language == .c ? Programs.hello : Programs.throwing
        let exe = try dir.build(compiler, source, output: "hello")
        let f = try facts(exe)
        #expect(f.path == exe)
        #expect(f.elfClass == compiler.arch.elfClass)
        #expect(f.machine == compiler.arch.machine)
        #expect(f.type == .dyn, "Debian's compilers build PIE by default")
        #expect(f.interpreter == compiler.arch.interpreter)
        expectMatchesReadelf(f, try ReadelfView(path: exe))
    }

    @Test("an object file is rel, with no dynamic facts", arguments: Arch.allCases)
    func objectFile(_ arch: Arch) throws {
        let dir = try Scratch()
        let obj = try dir.object(.gcc(arch), Programs.hello, output: "hello.o")
        let f = try facts(obj)
        #expect(f.type == .rel)
        #expect(f.elfClass == arch.elfClass)
        #expect(f.machine == arch.machine)
        #expect(f.interpreter == nil)
        #expect(f.needed.isEmpty)
        #expect(f.soname == nil)
        #expect(!f.pie)
        #expect(!f.isStatic, "static needs type exec or a static-pie dyn")
        #expect(f.buildID == nil, "the linker writes the build-id note, not the compiler")
        #expect(f.sizes.code > 0)
    }

    @Test("a shared library is dyn and not pie", arguments: Arch.allCases)
    func sharedLibrary(_ arch: Arch) throws {
        let dir = try Scratch()
        let lib = try dir.build(.gcc(arch), Programs.library, flags: ["-shared", "-fPIC"], output: "libplain.so")
        let f = try facts(lib)
        #expect(f.type == .dyn)
        #expect(f.interpreter == nil)
        #expect(!f.pie, "no DF_1_PIE and no PT_INTERP")
        #expect(!f.isStatic, "a dyn without DF_1_PIE is not static")
        #expect(f.soname == nil)
        expectMatchesReadelf(f, try ReadelfView(path: lib))
        expectDerivedMatch(f, try ReadelfView(path: lib))
    }

    @Test("errno.h builds for i686 through the asm directory, and reads as i386")
    func i686Errno() throws {
        let dir = try Scratch()
        let exe = try dir.build(.gcc(.i686), Programs.usesErrno, output: "errno32")
        let f = try facts(exe)
        #expect(f.elfClass == 32)
        #expect(f.machine == "i386")
    }
}
