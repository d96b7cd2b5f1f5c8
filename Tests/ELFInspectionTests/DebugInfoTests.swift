import Testing

@testable import ELFInspection

/// comment: the strings of .comment, as `readelf -p .comment` prints them.
@Suite("comment section", .blocking)
struct CommentTests {
    @Test("comment equals readelf -p .comment", arguments: [
        Compiler.gcc(.x86_64), .gcc(.i686), .gcc(.aarch64), .clang(.x86_64), .clangxx(.aarch64),
    ])
    func matchesReadelf(_ compiler: Compiler) throws {
        let dir = try Scratch()
        let source = compiler.language == .c ? Programs.hello : Programs.throwing
        let exe = try dir.build(compiler, source, output: "commented")
        let f = try facts(exe)
        let expected = try Readelf.comment(exe)
        #expect(!expected.isEmpty)
        #expect(f.comment == expected)
        switch compiler.family {
        case .gcc: #expect(f.comment.contains { $0.hasPrefix("GCC: (Debian 12") })
        case .clang: #expect(f.comment.contains { $0.contains("clang version 19") })
        }
    }

    @Test("no .comment section: an empty list")
    func removed() throws {
        let dir = try Scratch()
        let exe = try dir.build(.gcc(), Programs.hello, output: "uncommented")
        try Spawn.check("objcopy", ["--remove-section=.comment", exe])
        #expect(try facts(exe).comment == [])
    }
}

/// debug: producers, languages and DWARF versions read through libdw, from plain, zlib- and
/// zstd-compressed sections; compressed_sections names each compressed section and its type.
@Suite("debug info", .blocking)
struct DebugInfoTests {
    @Test("gcc -g: producer, C11, DWARF 5", arguments: Arch.allCases)
    func gccC(_ arch: Arch) throws {
        let dir = try Scratch()
        let exe = try dir.build(.gcc(arch), Programs.hello, flags: ["-g"], output: "debug")
        let f = try facts(exe)
        let expected = try Readelf.debugInfo(exe)
        #expect(f.debug.unavailable == nil, "\(f.debug.unavailable ?? "")")
        #expect(f.debug.producers == expected.producers)
        #expect(f.debug.producers.contains { $0.hasPrefix("GNU C17 12.") })
        #expect(f.debug.languages == ["C11"])
        #expect(f.debug.dwarfVersions == expected.versions)
        #expect(f.debug.dwarfVersions == [5])
        #expect(f.compressedSections.isEmpty)
    }

    @Test("-gdwarf-4 -std=c99: C99 and DWARF 4")
    func dwarf4() throws {
        let dir = try Scratch()
        let f = try facts(try dir.build(.gcc(), Programs.hello, flags: ["-g", "-gdwarf-4", "-std=c99"], output: "d4"))
        #expect(f.debug.dwarfVersions == [4])
        #expect(f.debug.languages == ["C99"])
    }

    @Test("C++: C_plus_plus_14 from g++ and clang++-19", arguments: [Compiler.gxx(), .clangxx()])
    func cxx(_ compiler: Compiler) throws {
        let dir = try Scratch()
        let exe = try dir.build(compiler, Programs.throwing, flags: ["-g"], output: "cxx-debug")
        let f = try facts(exe)
        #expect(f.debug.languages == ["C_plus_plus_14"])
        #expect(f.debug.producers == (try Readelf.debugInfo(exe)).producers)
    }

    @Test("two languages and two producers in one file: a C object linked into C++")
    func mixed() throws {
        let dir = try Scratch()
        let cObject = try dir.object(.clang(), "int helper(int x) { return x + 1; }\n", flags: ["-g"], output: "helper.o")
        let exe = try dir.build(
            .gxx(), "extern \"C\" int helper(int);\nint main(int argc, char **) { return helper(argc); }\n",
            flags: ["-g", cObject], output: "mixed")
        let f = try facts(exe)
        #expect(Set(f.debug.languages) == ["C11", "C_plus_plus_14"])
        #expect(f.debug.producers.count == 2)
        #expect(f.debug.producers.contains { $0.contains("clang version 19") })
        #expect(f.debug.producers.contains { $0.hasPrefix("GNU C++17 12.") })
        #expect(f.debug.producers == (try Readelf.debugInfo(exe)).producers)
    }

    @Test("no -g: debug unavailable with a reason, nothing invented")
    func noDebug() throws {
        let dir = try Scratch()
        let f = try facts(try dir.build(.gcc(), Programs.hello, output: "nodebug"))
        let reason = try #require(f.debug.unavailable)
        #expect(!reason.isEmpty)
        #expect(f.debug.producers.isEmpty)
        #expect(f.debug.languages.isEmpty)
        #expect(f.debug.dwarfVersions.isEmpty)
    }

    @Test("gcc -gz=zlib: zlib sections, DWARF still read", arguments: Arch.allCases)
    func gccZlib(_ arch: Arch) throws {
        let dir = try Scratch()
        let exe = try dir.build(.gcc(arch), Programs.sizable, flags: ["-g", "-gz=zlib"], output: "zlib")
        try expectCompression(exe, "zlib")
        let f = try facts(exe)
        #expect(f.debug.producers.contains { $0.hasPrefix("GNU C17 12.") })
        #expect(f.debug.dwarfVersions == [5])
    }

    @Test("clang-19 -gz=zstd: zstd sections, producers read through libzstd", arguments: [
        Compiler.clang(.x86_64), .clangxx(.x86_64), .clang(.aarch64), .clang(.i686),
    ])
    func clangZstd(_ compiler: Compiler) throws {
        let dir = try Scratch()
        let source = compiler.language == .c ? Programs.sizable : Programs.sizableCxx
        let exe = try dir.build(compiler, source, flags: ["-g", "-gz=zstd", "-fuse-ld=lld"], output: "zstd")
        try expectCompression(exe, "zstd")
        let f = try facts(exe)
        #expect(f.debug.unavailable == nil, "\(f.debug.unavailable ?? "")")
        #expect(f.debug.producers.contains { $0.contains("clang version 19") })
        #expect(f.debug.producers == (try Readelf.debugInfo(exe)).producers)
        #expect(f.debug.languages == [compiler.language == .c ? "C11" : "C_plus_plus_14"])
        #expect(f.debug.dwarfVersions == [5])
    }

    @Test("objcopy --compress-debug-sections: the same producers as the uncompressed file", arguments: ["zlib", "zstd"])
    func objcopy(_ kind: String) throws {
        let dir = try Scratch()
        let plain = try dir.build(.gcc(), Programs.sizable, flags: ["-g"], output: "plain")
        let before = try facts(plain)
        let squeezed = dir.path("squeezed-\(kind)")
        try Spawn.check("objcopy", ["--compress-debug-sections=\(kind)", plain, squeezed])
        try expectCompression(squeezed, kind)
        let after = try facts(squeezed)
        #expect(after.debug.producers == before.debug.producers)
        #expect(after.debug.languages == before.debug.languages)
        #expect(after.debug.dwarfVersions == before.debug.dwarfVersions)
        #expect(after.debug.unavailable == nil)
        #expect(after.buildID == before.buildID)
    }

    @Test("a zstd-compressed object file (ET_REL, relocated debug sections)")
    func zstdObject() throws {
        let dir = try Scratch()
        let obj = try dir.object(.clang(), Programs.sizable, flags: ["-g", "-gz=zstd"], output: "zstd.o")
        let f = try facts(obj)
        #expect(f.type == .rel)
        #expect(f.compressedSections.contains { $0.name == ".debug_info" && $0.type == .zstd })
        #expect(f.debug.producers.contains { $0.contains("clang version 19") })
    }

    @Test("object files: producers read with the debug sections' relocations applied", arguments: [
        Compiler.gcc(.x86_64), .clang(.x86_64), .gcc(.aarch64), .gcc(.i686),
    ])
    func objectProducers(_ compiler: Compiler) throws {
        // In an ET_REL file DW_AT_producer is an offset into .debug_str (or .debug_str_offsets) that
        // only a relocation makes right; readelf applies them.
        let dir = try Scratch()
        let obj = try dir.object(compiler, Programs.bufferCopy, flags: ["-g"], output: "debug.o")
        let f = try facts(obj)
        let expected = try Readelf.debugInfo(obj)
        #expect(f.debug.producers == expected.producers)
        #expect(f.debug.producers.contains { $0.hasPrefix("GNU C17") || $0.contains("clang version 19") })
    }

    /// The file has compressed sections (else the fixture is wrong), and the reader lists exactly
    /// readelf's, each with readelf's type.
    private func expectCompression(_ path: String, _ kind: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try Readelf.compressedSections(path)
        #expect(expected[".debug_info"] == kind, "the fixture's .debug_info must be \(kind)-compressed: \(expected)",
                sourceLocation: sourceLocation)
        let f = try facts(path)
        let got = Dictionary(f.compressedSections.map { ($0.name, $0.type.rawValue) }, uniquingKeysWith: { a, _ in a })
        #expect(got == expected, sourceLocation: sourceLocation)
        #expect(f.compressedSections.count == expected.count, "no section listed twice", sourceLocation: sourceLocation)
    }
}
