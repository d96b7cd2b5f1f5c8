import Testing

@testable import ELFInspection

/// build_id: the NT_GNU_BUILD_ID note as lowercase hex, matching `readelf -n`.
@Suite("build-id note", .blocking)
struct BuildIDTests {
    @Test("build_id matches readelf -n", arguments: [Compiler.gcc(.x86_64), .gcc(.i686), .gcc(.aarch64), .clang(.x86_64), .clang(.aarch64)])
    func matchesReadelf(_ compiler: Compiler) throws {
        let dir = try Scratch()
        let exe = try dir.build(compiler, Programs.hello, output: "ided")
        let f = try facts(exe)
        let expected = try #require(try ReadelfView(path: exe).buildID, "the fixture must carry a build-id")
        #expect(f.buildID == expected)
        let id = try #require(f.buildID)
        #expect(id == id.lowercased())
        #expect(id.allSatisfy { $0.isHexDigit })
        #expect(id.count == 40, "sha1 build-ids are 20 bytes")
    }

    @Test("--build-id=0x... gives exactly those bytes, lowercase")
    func explicitID() throws {
        let dir = try Scratch()
        let exe = try dir.build(.gcc(), Programs.hello, flags: ["-Wl,--build-id=0xDEADBEEF00C0FFEE"], output: "explicit")
        #expect(try facts(exe).buildID == "deadbeef00c0ffee")
    }

    @Test("--build-id=none: null", arguments: Arch.allCases)
    func none(_ arch: Arch) throws {
        let dir = try Scratch()
        let exe = try dir.build(.gcc(arch), Programs.hello, flags: ["-Wl,--build-id=none"], output: "anonymous")
        let f = try facts(exe)
        #expect(f.buildID == nil)
        #expect(try ReadelfView(path: exe).buildID == nil)
    }
}

/// version_needs and glibc_max from the version-needs section, compared with `readelf -V`.
@Suite("version needs", .blocking)
struct VersionNeedsTests {
    @Test("version_needs equals readelf -V and glibc_max is the numeric maximum", arguments: Arch.allCases)
    func matchesReadelf(_ arch: Arch) throws {
        let dir = try Scratch()
        let exe = try dir.build(.gcc(arch), Programs.versioned, flags: ["-pthread"], output: "versioned")
        let f = try facts(exe)
        let expected = try Readelf.versionNeeds(exe)
        #expect(!expected.isEmpty, "the fixture must have a version-needs section")
        #expect(f.versionNeeds.entries.map(\.library) == expected.map(\.0))
        for (library, names) in expected {
            #expect(f.versionNeeds[library] == names, "versions needed from \(library)")
        }
        let max = expectedGlibcMax(expected.flatMap(\.1))
        #expect(f.glibcMax == max)
        #expect(f.glibcMax == "GLIBC_2.34", "__libc_start_main@GLIBC_2.34 on Debian 12")
    }

    @Test("C++ needs versions from libstdc++ and libgcc_s too; GLIBCXX never counts as glibc")
    func cxx() throws {
        let dir = try Scratch()
        let exe = try dir.build(.gxx(), Programs.throwing, output: "cxx-versioned")
        let f = try facts(exe)
        let expected = try Readelf.versionNeeds(exe)
        for (library, names) in expected {
            #expect(f.versionNeeds[library] == names, "versions needed from \(library)")
        }
        #expect(f.versionNeeds["libstdc++.so.6"]?.contains { $0.hasPrefix("GLIBCXX_") } == true)
        #expect(f.glibcMax?.hasPrefix("GLIBC_2.") == true)
        #expect(f.glibcMax == expectedGlibcMax(expected.flatMap(\.1)))
    }

    @Test("numeric order: GLIBC_2.10 is above GLIBC_2.9; GLIBC_PRIVATE is ignored")
    func numericOrder() throws {
        // The order itself, on the independent helper this suite checks the reader against.
        #expect(expectedGlibcMax(["GLIBC_2.9", "GLIBC_2.10", "GLIBC_2.2.5", "GLIBC_PRIVATE"]) == "GLIBC_2.10")
        #expect(expectedGlibcMax(["GLIBC_PRIVATE"]) == nil)
        // And a real file needing GLIBC_PRIVATE: ld.so's clients in /usr/lib (libc.so.6 needs ld.so's).
        let libc = "/usr/lib/x86_64-linux-gnu/libc.so.6"
        let f = try facts(libc)
        let expected = try Readelf.versionNeeds(libc)
        #expect(expected.flatMap(\.1).contains("GLIBC_PRIVATE"), "libc.so.6 needs ld.so's GLIBC_PRIVATE")
        #expect(f.glibcMax != "GLIBC_PRIVATE")
        #expect(f.glibcMax == expectedGlibcMax(expected.flatMap(\.1)))
    }

    @Test("the reader's order is numeric: GLIBC_2.10 above GLIBC_2.9, in a real file's version names")
    func numericOrderInFile() throws {
        // Rename the needed versions in .dynstr, keeping lengths: GLIBC_2.34 -> GLIBC_2.10 and
        // GLIBC_2.2.5 -> GLIBC_2.9. A string comparison would pick GLIBC_2.9.
        let dir = try Scratch()
        let exe = try dir.build(.gcc(), Programs.hello, output: "renamed")
        var image = try ELFImage(path: exe)
        let dynstr = try #require(image.section(".dynstr"))
        func replace(_ old: String, _ new: String) throws {
            let from = Array((old + "\0").utf8), to = Array(new.utf8) + [UInt8](repeating: 0, count: old.utf8.count + 1 - new.utf8.count)
            let range = dynstr.fileOffset..<(dynstr.fileOffset + dynstr.size)
            let at = try #require(range.first { i in i + from.count <= range.upperBound && Array(image.bytes[i..<(i + from.count)]) == from },
                                  "\(old) in .dynstr")
            image.bytes.replaceSubrange(at..<(at + to.count), with: to)
        }
        try replace("GLIBC_2.34", "GLIBC_2.10")
        try replace("GLIBC_2.2.5", "GLIBC_2.9")
        guard case .facts(let f) = ELFInspector.inspect(bytes: image.bytes, name: "renamed") else {
            Issue.record("the renamed program was refused")
            return
        }
        #expect(Set(f.versionNeeds["libc.so.6"] ?? []) == ["GLIBC_2.10", "GLIBC_2.9"])
        #expect(f.glibcMax == "GLIBC_2.10")
    }

    @Test("a static program has no version needs and glibc_max null")
    func staticHasNone() throws {
        let dir = try Scratch()
        let f = try facts(try dir.build(.gcc(), Programs.hello, flags: ["-static"], output: "static"))
        #expect(f.versionNeeds.entries.isEmpty)
        #expect(f.glibcMax == nil)
    }
}
