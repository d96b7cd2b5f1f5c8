import ELFFacts
import Testing
@testable import Model

/// One crafted ELF change: how to make it, and what the comparison must say.
struct ELFCase: Sendable, CustomTestStringConvertible {
    var field: String
    var before: String?
    var after: String?
    var change: @Sendable (inout ELFFacts) -> Void
    var testDescription: String { field + " " + (after ?? "nil") }
}

@Suite struct ELFDiffTests {
    static let regressions: [ELFCase] = [
        ELFCase(field: "relro", before: "full", after: "partial") { $0.relro = .partial },
        ELFCase(field: "relro", before: "full", after: "none") { $0.relro = .none },
        ELFCase(field: "bind_now", before: "true", after: "false") { $0.bindNow = false },
        ELFCase(field: "pie", before: "true", after: "false") { $0.pie = false },
        ELFCase(field: "nx_stack", before: "true", after: "false") { $0.nxStack = false },
        ELFCase(field: "hardening.canary", before: "yes", after: "no") { $0.hardening.canary = Verdict(.no, "no __stack_chk_fail") },
        ELFCase(field: "hardening.fortify", before: "yes", after: "no") { $0.hardening.fortify = Verdict(.no, "no _chk calls") },
        ELFCase(field: "hardening.cet_ibt", before: "yes", after: "no") { $0.hardening.cetIBT = Verdict(.no, "no property") },
        ELFCase(field: "hardening.cet_shstk", before: "yes", after: "unknown") { $0.hardening.cetSHSTK = Verdict(.unknown, "no notes") },
        ELFCase(field: "hardening.bti", before: "yes", after: "no") { $0.hardening.bti = Verdict(.no, "no property") },
        ELFCase(field: "hardening.pac", before: "yes", after: "no") { $0.hardening.pac = Verdict(.no, "no property") },
        ELFCase(field: "textrel", before: "false", after: "true") { $0.textrel = true },
        ELFCase(field: "needed", before: "libc.so.6", after: "libc.so.6, libm.so.6") { $0.needed.append("libm.so.6") },
        ELFCase(field: "interpreter", before: "/lib64/ld-linux-x86-64.so.2", after: "/lib/ld.so") { $0.interpreter = "/lib/ld.so" },
        ELFCase(field: "interpreter", before: "/lib64/ld-linux-x86-64.so.2", after: nil) { $0.interpreter = nil },
        // Numeric order: 2.10 is above 2.9, though "GLIBC_2.10" < "GLIBC_2.9" as strings.
        ELFCase(field: "glibc_max", before: "GLIBC_2.9", after: "GLIBC_2.10") { $0.glibcMax = "GLIBC_2.10" },
        ELFCase(field: "glibc_max", before: "GLIBC_2.9", after: "GLIBC_2.9.1") { $0.glibcMax = "GLIBC_2.9.1" },
        ELFCase(field: "rpath", before: nil, after: "/home/b/build/lib") { $0.rpath = ["/home/b/build/lib"] },
        ELFCase(field: "runpath", before: nil, after: "/tmp/build") { $0.runpath = ["/tmp/build"] },
        ELFCase(field: "build_id", before: "0123abcd", after: nil) { $0.buildID = nil },
        ELFCase(field: "machine", before: "x86_64", after: "i386") { $0.machine = "i386" },
        ELFCase(field: "class", before: "64", after: "32") { $0.elfClass = 32 },
        ELFCase(field: "sizes.file", before: "10000", after: "11001") { $0.sizes.file = 11_001 },
        ELFCase(field: "libgcc", before: "none", after: "static") { $0.libgcc = .static },
        ELFCase(field: "static", before: "false", after: "true") { $0.isStatic = true },
    ]

    @Test(arguments: regressions)
    func regression(_ c: ELFCase) throws {
        var new = Reports.facts()
        c.change(&new)
        let set = ELFDiff.compare(cell: "x", old: Reports.facts(), new: new, sizeThreshold: 10)
        let hit = try #require(set.regressions.first { $0.field == c.field }, "\(set)")
        #expect(hit.kind == .elf)
        #expect(hit.before == c.before)
        #expect(hit.after == c.after)
        #expect(!hit.evidence.isEmpty)
    }

    @Test func rpathChangedIsARegression() {
        var old = Reports.facts(), new = Reports.facts()
        old.rpath = ["/opt/lib"]
        new.rpath = ["/home/b/build"]
        let set = ELFDiff.compare(cell: "x", old: old, new: new, sizeThreshold: 10)
        #expect(set.regressions.map(\.field) == ["rpath"])
        #expect(set.regressions.first?.evidence.contains("changed") == true)
    }

    static let information: [ELFCase] = [
        ELFCase(field: "debug.producers", before: "GNU C17 12.2.0", after: "GNU C17 13.1.0") { $0.debug.producers = ["GNU C17 13.1.0"] },
        ELFCase(field: "comment", before: "GCC: (Debian 12.2.0-14) 12.2.0", after: "GCC: 13") { $0.comment = ["GCC: 13"] },
        ELFCase(field: "build_id", before: "0123abcd", after: "ffff") { $0.buildID = "ffff" },
        ELFCase(field: "sizes.file", before: "10000", after: "9000") { $0.sizes.file = 9000 },
        ELFCase(field: "sizes.file", before: "10000", after: "10500") { $0.sizes.file = 10_500 },
        ELFCase(field: "glibc_max", before: "GLIBC_2.9", after: "GLIBC_2.3.4") { $0.glibcMax = "GLIBC_2.3.4" },
        ELFCase(field: "needed", before: "libc.so.6", after: "") { $0.needed = [] },
        ELFCase(field: "rpath", before: "/opt", after: nil) { _ in },
    ]

    @Test(arguments: information)
    func informationOnly(_ c: ELFCase) throws {
        var old = Reports.facts()
        if c.field == "rpath" { old.rpath = ["/opt"] }
        var new = old
        if c.field == "rpath" { new.rpath = [] }
        c.change(&new)
        let set = ELFDiff.compare(cell: "x", old: old, new: new, sizeThreshold: 10)
        #expect(set.regressions.isEmpty, "\(set.regressions)")
        let hit = try #require(set.information.first { $0.field == c.field })
        #expect(hit.before == c.before)
        #expect(hit.after == c.after)
    }

    @Test func sizeThresholdIsConfigurable() {
        var new = Reports.facts()
        new.sizes.file = 10_500
        #expect(ELFDiff.compare(cell: "x", old: Reports.facts(), new: new, sizeThreshold: 10).regressions.isEmpty)
        let strict = ELFDiff.compare(cell: "x", old: Reports.facts(), new: new, sizeThreshold: 3)
        #expect(strict.regressions.map(\.field) == ["sizes.file"])
        #expect(strict.regressions.first?.evidence.contains("5.0 %") == true)
    }

    @Test func identicalFactsHaveNoChanges() {
        let set = ELFDiff.compare(cell: "x", old: Reports.facts(), new: Reports.facts(), sizeThreshold: 10)
        #expect(set == ChangeSet())
    }

    @Test func strongerProtectionsAreNotRegressions() {
        var old = Reports.facts()
        old.relro = .none
        old.pie = false
        old.textrel = true
        old.hardening.canary = Verdict(.no, "none")
        let set = ELFDiff.compare(cell: "x", old: old, new: Reports.facts(), sizeThreshold: 10)
        #expect(set.regressions.isEmpty, "\(set.regressions)")
    }
}
