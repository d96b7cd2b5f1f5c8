import Testing

@testable import ELFInspection

/// Each clause of the bind_now, textrel and pie definitions on its own: real programs whose dynamic
/// entries are edited so that only one clause holds. (The linkers always write the flags together.)
@Suite("dynamic flags, clause by clause", .blocking)
struct DynamicFlagsTests {
    static let DT_TEXTREL: UInt64 = 22, DT_BIND_NOW: UInt64 = 24, DT_FLAGS: UInt64 = 30
    static let DT_FLAGS_1: UInt64 = 0x6fff_fffb, DT_DEBUG: UInt64 = 21
    static let DF_TEXTREL: UInt64 = 0x4, DF_BIND_NOW: UInt64 = 0x8
    static let DF_1_NOW: UInt64 = 0x1, DF_1_PIE: UInt64 = 0x0800_0000

    /// Rewrites the dynamic entries of `image` with `edit(tag, value) -> (tag, value)`.
    private func editDynamic(_ image: inout ELFImage, _ edit: (UInt64, UInt64) -> (UInt64, UInt64)) throws {
        let dynamic = try #require(image.section(".dynamic"), "the fixture must have .dynamic")
        let width = image.is64 ? 8 : 4
        var at = dynamic.fileOffset
        while at + 2 * width <= dynamic.fileOffset + dynamic.size {
            let tag = image.read(at, width), value = image.read(at + width, width)
            if tag == 0 { break }
            let (newTag, newValue) = edit(tag, value)
            image.write(at, width, newTag)
            image.write(at + width, width, newValue)
            at += 2 * width
        }
    }

    private func facts(of image: ELFImage, _ name: String) throws -> ELFFacts {
        switch ELFInspector.inspect(bytes: image.bytes, name: name) {
        case .facts(let f): return f
        case .failure(_, let error): throw ReaderRefused(description: "\(error)")
        }
    }

    @Test("bind_now from DT_BIND_NOW, DF_BIND_NOW or DF_1_NOW alone", arguments: Arch.allCases)
    func bindNowClauses(_ arch: Arch) throws {
        let dir = try Scratch()
        let exe = try dir.build(.gcc(arch), Programs.hello, flags: ["-Wl,-z,relro", "-Wl,-z,now"], output: "now")
        let original = try ELFImage(path: exe)
        let r = try ReadelfView(path: exe)
        #expect(r.flags.contains("BIND_NOW") && r.flags1.contains("NOW"), "GNU ld writes both flags")

        // DF_BIND_NOW only.
        var onlyFlags = original
        try editDynamic(&onlyFlags) { tag, value in tag == Self.DT_FLAGS_1 ? (tag, value & ~Self.DF_1_NOW) : (tag, value) }
        let a = try facts(of: onlyFlags, "DF_BIND_NOW only")
        #expect(a.bindNow)
        #expect(a.relro == .full)

        // DF_1_NOW only.
        var onlyFlags1 = original
        try editDynamic(&onlyFlags1) { tag, value in tag == Self.DT_FLAGS ? (tag, value & ~Self.DF_BIND_NOW) : (tag, value) }
        let b = try facts(of: onlyFlags1, "DF_1_NOW only")
        #expect(b.bindNow)
        #expect(b.relro == .full)

        // DT_BIND_NOW only: DT_FLAGS becomes DT_BIND_NOW, DF_1_NOW cleared.
        var onlyTag = original
        try editDynamic(&onlyTag) { tag, value in
            if tag == Self.DT_FLAGS { return (Self.DT_BIND_NOW, 0) }
            if tag == Self.DT_FLAGS_1 { return (tag, value & ~Self.DF_1_NOW) }
            return (tag, value)
        }
        let c = try facts(of: onlyTag, "DT_BIND_NOW only")
        #expect(c.bindNow)
        #expect(c.relro == .full)

        // None of the three: partial relro.
        var none = original
        try editDynamic(&none) { tag, value in
            if tag == Self.DT_FLAGS { return (tag, value & ~Self.DF_BIND_NOW) }
            if tag == Self.DT_FLAGS_1 { return (tag, value & ~Self.DF_1_NOW) }
            return (tag, value)
        }
        let d = try facts(of: none, "no bind-now clause")
        #expect(!d.bindNow)
        #expect(d.relro == .partial)
        #expect(d.pie, "DF_1_PIE and PT_INTERP are untouched")
    }

    @Test("textrel from DT_TEXTREL or DF_TEXTREL alone")
    func textrelClauses() throws {
        let dir = try Scratch()
        let lib = try dir.build(.gcc(.i686), Programs.textrelLibrary, flags: ["-fno-pic", "-shared", "-Wl,-z,notext"], output: "libtr.so")
        let original = try ELFImage(path: lib)
        let r = try ReadelfView(path: lib)
        #expect(r.dynamicTags["TEXTREL"] != nil && r.flags.contains("TEXTREL"), "GNU ld writes both")

        var tagOnly = original
        try editDynamic(&tagOnly) { tag, value in tag == Self.DT_FLAGS ? (tag, value & ~Self.DF_TEXTREL) : (tag, value) }
        #expect(try facts(of: tagOnly, "DT_TEXTREL only").textrel)

        var flagOnly = original
        try editDynamic(&flagOnly) { tag, value in tag == Self.DT_TEXTREL ? (Self.DT_DEBUG, 0) : (tag, value) }
        #expect(try facts(of: flagOnly, "DF_TEXTREL only").textrel)

        var neither = original
        try editDynamic(&neither) { tag, value in
            if tag == Self.DT_TEXTREL { return (Self.DT_DEBUG, 0) }
            if tag == Self.DT_FLAGS { return (tag, value & ~Self.DF_TEXTREL) }
            return (tag, value)
        }
        #expect(try !facts(of: neither, "no textrel clause").textrel)
    }

    @Test("pie: PT_INTERP alone is enough; DF_1_PIE alone is enough; static-pie without DF_1_PIE is neither")
    func pieClauses() throws {
        let dir = try Scratch()
        let pie = try ELFImage(path: try dir.build(.gcc(), Programs.hello, output: "pie"))
        var interpOnly = pie
        try editDynamic(&interpOnly) { tag, value in tag == Self.DT_FLAGS_1 ? (tag, value & ~Self.DF_1_PIE) : (tag, value) }
        let a = try facts(of: interpOnly, "PT_INTERP without DF_1_PIE")
        #expect(a.pie)
        #expect(!a.isStatic)

        let staticPIE = try ELFImage(path: try dir.build(.gcc(), Programs.hello, flags: ["-static-pie"], output: "static-pie"))
        let b = try facts(of: staticPIE, "static-pie")
        #expect(b.pie && b.isStatic, "DF_1_PIE without PT_INTERP")

        var neither = staticPIE
        try editDynamic(&neither) { tag, value in tag == Self.DT_FLAGS_1 ? (tag, value & ~Self.DF_1_PIE) : (tag, value) }
        let c = try facts(of: neither, "static-pie without DF_1_PIE")
        #expect(!c.pie, "a dyn with neither clause is a shared object")
        #expect(!c.isStatic)
    }
}
