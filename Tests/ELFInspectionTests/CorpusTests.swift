import Foundation
import Testing

@testable import ELFInspection

/// The fuzzer's seed corpus (Tests/Corpus/elf, made by scripts/make-fuzz-corpus.sh): the reader's
/// answer for each seed, from memory (the fuzzer's path) and from the file.
@Suite("seed corpus")
struct CorpusTests {
    static let directory = Repository.path("Tests/Corpus/elf")

    static var seeds: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    @Test("the corpus is small: a dozen or more seeds, each under 20 KB, all under 300 KB")
    func small() throws {
        let seeds = Self.seeds
        #expect(seeds.count >= 12)
        var total = 0
        for name in seeds {
            let size = try #require(try FileManager.default.attributesOfItem(atPath: Self.directory + "/" + name)[.size] as? NSNumber).intValue
            #expect(size < 20 * 1024, "\(name) is \(size) bytes")
            total += size
        }
        #expect(total < 300 * 1024)
    }

    /// What each well-formed seed must read as: machine, type, and the one fact it was built to carry.
    static let expectations: [(String, String, String, @Sendable (ELFFacts) -> Bool)] = [
        ("aarch64-object-bti-pac", "aarch64", "rel", { $0.hardening.bti.state == .yes && $0.hardening.pac.state == .yes }),
        ("aarch64-object-dwarf4", "aarch64", "rel", { $0.debug.dwarfVersions == [4] }),
        ("aarch64-pie", "aarch64", "dyn", { $0.pie && $0.interpreter == "/lib/ld-linux-aarch64.so.1" }),
        ("core-like", "x86_64", "core", { !$0.pie && !$0.isStatic }),
        ("i686-lib-textrel", "i386", "dyn", { $0.textrel && !$0.nxStack }),
        ("i686-pie-now", "i386", "dyn", { $0.bindNow && $0.relro == .full }),
        ("x86_64-lib-soname-rpath", "x86_64", "dyn", { $0.soname == "libtoolgate.so.1" && $0.rpath == ["/opt/a", "/opt/b"] }),
        ("x86_64-nostdlib-static", "x86_64", "exec", { $0.isStatic && !$0.pie }),
        ("x86_64-nostdlib-static-pie", "x86_64", "dyn", { $0.isStatic && $0.pie && $0.interpreter == nil }),
        ("x86_64-object-cet", "x86_64", "rel", { $0.hardening.cetIBT.state == .yes && $0.hardening.cetSHSTK.state == .yes }),
        ("x86_64-object-debug-zlib", "x86_64", "rel", { $0.compressedSections.contains { $0.type == .zlib } }),
        ("x86_64-object-debug-zstd", "x86_64", "rel", { $0.compressedSections.contains { $0.type == .zstd } }),
        ("x86_64-pie-fortify", "x86_64", "dyn", { $0.hardening.fortify.state == .yes && $0.hardening.canary.state == .yes }),
    ]

    @Test("well-formed seeds read cleanly, with the fact each was built for", arguments: expectations.map(\.0))
    func wellFormed(_ name: String) throws {
        let path = Self.directory + "/" + name
        let expected = try #require(Self.expectations.first { $0.0 == name })
        let f = try facts(path)
        #expect(f.machine == expected.1)
        #expect(f.type.rawValue == expected.2)
        #expect(expected.3(f), "\(name) lacks the fact it was built to carry")
        #expect(f.warnings.isEmpty, "\(f.warnings)")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(ELFInspector.inspect(bytes: bytes, name: path) == .facts(f), "memory and file give the same facts")
    }

    @Test("broken seeds are refused or warned", arguments: ["broken-truncated", "broken-lying-header"])
    func broken(_ name: String) throws {
        let path = Self.directory + "/" + name
        expectRefusedOrWarned(ELFInspector.inspect(path: path), name: path)
    }

    @Test("a compressed section claiming 1 TiB is not decompressed: the reason is given")
    func oneTebibyte() throws {
        let f = try facts(Self.directory + "/broken-zstd-1tib")
        let reason = f.debug.unavailable ?? f.warnings.joined(separator: "; ")
        #expect(!reason.isEmpty, "a 1 TiB claim read without a word")
        #expect(f.debug.producers.isEmpty)
    }
}
