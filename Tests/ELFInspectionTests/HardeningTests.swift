import Testing

@testable import ELFInspection

/// The hardening verdicts: each a state with evidence, "unknown" where nothing tells.
@Suite("hardening", .blocking)
struct HardeningTests {
    @Test("every verdict carries evidence", arguments: Arch.allCases)
    func evidenceNeverEmpty(_ arch: Arch) throws {
        let dir = try Scratch()
        let f = try facts(try dir.build(.gcc(arch), Programs.bufferCopy, output: "plain"))
        for (name, verdict) in f.hardening.all {
            #expect(verdict.hasEvidence, "\(name) has empty evidence")
            #expect(verdict.evidence != "not examined", "\(name) was not examined")
        }
    }

    @Test("canary: -fstack-protector-strong yes, -fno-stack-protector no", arguments: [
        Compiler.gcc(.x86_64), .gcc(.i686), .gcc(.aarch64), .clang(.x86_64), .clang(.aarch64),
    ])
    func canary(_ compiler: Compiler) throws {
        let dir = try Scratch()
        let on = try dir.build(compiler, Programs.bufferCopy, flags: ["-fstack-protector-strong"], output: "canary")
        let symbols = try Readelf.symbols(on)
        #expect(
            symbols.contains { ["__stack_chk_fail", "__stack_chk_fail_local", "__stack_chk_guard"].contains($0) },
            "the fixture must reference the stack protector")
        let yes = try facts(on).hardening.canary
        #expect(yes.state == .yes)
        #expect(yes.evidence.contains("__stack_chk"), "evidence names the symbol: \(yes.evidence)")

        let off = try dir.build(compiler, Programs.bufferCopy, flags: ["-fno-stack-protector"], output: "nocanary")
        let no = try facts(off).hardening.canary
        #expect(no.state == .no)
        #expect(no.hasEvidence)
    }

    @Test("fortify: -D_FORTIFY_SOURCE=2 -O2 yes with the count of *_chk functions", arguments: Arch.allCases)
    func fortify(_ arch: Arch) throws {
        let dir = try Scratch()
        let on = try dir.build(
            .gcc(arch), Programs.bufferCopy, flags: ["-O2", "-D_FORTIFY_SOURCE=2"], output: "fortified")
        let chk = Set(try Readelf.symbols(on).filter { $0.hasPrefix("__") && $0.hasSuffix("_chk") && $0 != "__stack_chk" })
            .subtracting(["__stack_chk_fail", "__stack_chk_fail_local", "__stack_chk_guard"])
        #expect(chk.contains("__strcpy_chk"), "the fixture must call a fortified function: \(chk)")
        let yes = try facts(on).hardening.fortify
        #expect(yes.state == .yes)
        #expect(yes.evidence.contains(String(chk.count)), "evidence gives the count \(chk.count): \(yes.evidence)")

        let off = try dir.build(.gcc(arch), Programs.bufferCopy, flags: ["-O2", "-U_FORTIFY_SOURCE"], output: "unfortified")
        let no = try facts(off).hardening.fortify
        #expect(no.state == .no)
        #expect(no.hasEvidence)
    }

    @Test("a stripped static binary: canary and fortify unknown, never guessed", arguments: Arch.allCases)
    func strippedStatic(_ arch: Arch) throws {
        let dir = try Scratch()
        let exe = try dir.build(.gcc(arch), Programs.bufferCopy, flags: ["-static", "-s"], output: "stripped")
        let f = try facts(exe)
        #expect(f.hardening.canary.state == .unknown)
        #expect(f.hardening.fortify.state == .unknown)
        #expect(f.hardening.canary.hasEvidence)
        #expect(f.libgcc == .unknown, "no symbols to tell")
    }

    @Test("CET: -fcf-protection=full on an object file gives IBT and SHSTK from the property note")
    func cetObject() throws {
        let dir = try Scratch()
        for compiler in [Compiler.gcc(), .clang()] {
            let obj = try dir.object(compiler, Programs.hello, flags: ["-fcf-protection=full"], output: "cet-\(compiler.family).o")
            let h = try facts(obj).hardening
            #expect(h.cetIBT.state == .yes, "\(compiler): \(h.cetIBT)")
            #expect(h.cetSHSTK.state == .yes, "\(compiler): \(h.cetSHSTK)")
            #expect(h.cetIBT.hasEvidence && h.cetSHSTK.hasEvidence)
        }
        let none = try facts(try dir.object(.gcc(), Programs.hello, flags: ["-fcf-protection=none"], output: "nocet.o")).hardening
        #expect(none.cetIBT.state != .yes)
        #expect(none.cetSHSTK.state != .yes)
        #expect(none.cetIBT.hasEvidence)
    }

    @Test("CET on a linked program: forced with -z ibt/-z shstk, one without the other, dropped by Debian's crt files")
    func cetLinked() throws {
        let dir = try Scratch()
        let both = try dir.build(
            .gcc(), Programs.hello, flags: ["-fcf-protection=full", "-Wl,-z,ibt", "-Wl,-z,shstk"], output: "cet-both")
        let b = try facts(both).hardening
        #expect(b.cetIBT.state == .yes)
        #expect(b.cetSHSTK.state == .yes)

        let ibtOnly = try dir.build(.gcc(), Programs.hello, flags: ["-fcf-protection=full", "-Wl,-z,ibt"], output: "cet-ibt")
        let i = try facts(ibtOnly).hardening
        #expect(i.cetIBT.state == .yes)
        #expect(i.cetSHSTK.state == .no, "a property note without SHSTK says no: \(i.cetSHSTK)")

        // Debian 12's crt1.o/crti.o carry no x86 feature property, so the linker drops IBT and SHSTK:
        // the note is present (ISA level) and says no.
        let dropped = try dir.build(.gcc(), Programs.hello, flags: ["-fcf-protection=full"], output: "cet-dropped")
        let d = try facts(dropped).hardening
        #expect(d.cetIBT.state == .no, "\(d.cetIBT)")
        #expect(d.cetSHSTK.state == .no, "\(d.cetSHSTK)")
    }

    @Test("BTI/PAC: -mbranch-protection on aarch64 object files", arguments: [Family.gcc, .clang])
    func branchProtectionObject(_ family: Family) throws {
        let dir = try Scratch()
        let compiler = Compiler(family: family, arch: .aarch64, language: .c)
        let standard = try facts(try dir.object(compiler, Programs.hello, flags: ["-mbranch-protection=standard"], output: "std.o")).hardening
        #expect(standard.bti.state == .yes, "\(standard.bti)")
        #expect(standard.pac.state == .yes, "\(standard.pac)")
        #expect(standard.bti.hasEvidence && standard.pac.hasEvidence)

        let bti = try facts(try dir.object(compiler, Programs.hello, flags: ["-mbranch-protection=bti"], output: "bti.o")).hardening
        #expect(bti.bti.state == .yes)
        #expect(bti.pac.state == .no, "a property note with BTI alone says PAC no: \(bti.pac)")

        let none = try facts(try dir.object(compiler, Programs.hello, flags: ["-mbranch-protection=none"], output: "none.o")).hardening
        #expect(none.bti.state != .yes)
        #expect(none.pac.state != .yes)
    }

    @Test("BTI/PAC on a linked aarch64 program: Debian's crt files drop the property")
    func branchProtectionLinked() throws {
        let dir = try Scratch()
        let exe = try dir.build(.gcc(.aarch64), Programs.hello, flags: ["-mbranch-protection=standard"], output: "bp")
        let notes = try Spawn.check("readelf", ["-nW", exe]).stdout
        let kept = notes.contains("AArch64 feature: BTI")
        let h = try facts(exe).hardening
        // Whatever the crt files do, the verdict must follow the note that is really in the file.
        #expect(h.bti.state == (kept ? .yes : .no) || (!kept && h.bti.state == .unknown), "\(h.bti), note kept: \(kept)")
        #expect(h.bti.hasEvidence)
    }

    @Test("x86 files say no or unknown for BTI/PAC; aarch64 files for CET")
    func otherMachine() throws {
        let dir = try Scratch()
        let x86 = try facts(try dir.object(.gcc(), Programs.hello, flags: ["-fcf-protection=full"], output: "x.o")).hardening
        #expect(x86.bti.state != .yes && x86.pac.state != .yes)
        let arm = try facts(try dir.object(.gcc(.aarch64), Programs.hello, flags: ["-mbranch-protection=standard"], output: "a.o")).hardening
        #expect(arm.cetIBT.state != .yes && arm.cetSHSTK.state != .yes)
    }
}
