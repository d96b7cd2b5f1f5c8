import Foundation
import Testing
@testable import Execution
@testable import Model

/// The cache's promises with the real gcc: a hit is the stored file byte for byte; a stored file that is
/// not what was stored (a crash's, since nothing is fsynced) is a miss; a step whose dependency changed
/// while it ran is not stored (ccache's race guard); a cache written under an older key version is never
/// read; and a warm run asks no unchanged compiler who it is.
@Suite(.timeLimit(.minutes(5)), .blocking) struct CacheIntegrityTests {
    typealias T = BuildCacheTests

    /// `cmp -s a b` exits 0 when the files are byte-identical.
    static func cmp(_ a: String, _ b: String) throws -> Bool {
        try Spawn.run("cmp", ["-s", a, b], timeout: .seconds(60)).succeeded
    }

    /// Every stored result's output file.
    static func storedOutputs(_ cache: CacheSettings) throws -> [String] {
        let store = CacheStore(directory: cache.directory)
        let fm = FileManager.default
        guard fm.fileExists(atPath: store.resultsDir) else { return [] }
        var out: [String] = []
        for shard in try fm.contentsOfDirectory(atPath: store.resultsDir) {
            for entry in try fm.contentsOfDirectory(atPath: store.resultsDir + "/" + shard) {
                out.append("\(store.resultsDir)/\(shard)/\(entry)/output")
            }
        }
        return out
    }

    @Test func aHitIsTheStoredBinaryByteForByte() async throws {
        try Harness.require(["gcc", "cmp"])
        let h = try Harness()
        try T.writeGreeter(h, word: "hi", expect: "hi")
        let cache = T.settings(h)
        _ = try await h.run(matrix: T.matrix(), cache: cache)
        let warm = try await h.run(matrix: T.matrix(), cache: cache, out: "warm")
        #expect(T.uses(warm, .link) == [.hit, .hit])
        let stored = try Self.storedOutputs(cache)
        for link in ["shared-libgcc", "static"] {
            let restored = h.root + "/warm/work/greet/gcc/x86_64/O2/\(link)/prog"
            // Exactly one stored result is this program, and the restored one equals it.
            #expect(try stored.filter { try Self.cmp($0, restored) }.count == 1, "\(link)")
            #expect(try Self.cmp(restored, h.root + "/out/work/greet/gcc/x86_64/O2/\(link)/prog"), "\(link)")
        }
    }

    /// What a crash can leave of a file written without fsync: nothing, or the right size with wrong bytes.
    enum Damage: String, CaseIterable, Sendable {
        case truncatedToZero, oneByteFlipped

        func apply(_ path: String) throws {
            var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            switch self {
            case .truncatedToZero: bytes = Data()
            case .oneByteFlipped: bytes[bytes.count / 2] ^= 0x01
            }
            try bytes.write(to: URL(fileURLWithPath: path))
        }
    }

    /// Every stored output (the object and the program) damaged: the compile and the link miss and run
    /// again, the cell passes, and each result is stored again whole, so the next run hits, byte for byte.
    @Test(arguments: Damage.allCases) func aDamagedStoredOutputIsAMissAndIsStoredAgain(_ damage: Damage) async throws {
        try Harness.require(["gcc", "cmp"])
        let h = try Harness()
        try T.writeGreeter(h, word: "hi", expect: "hi")
        let cache = T.settings(h)
        let matrix = T.matrix(links: ["shared-libgcc"])
        let cold = try await h.run(matrix: matrix, cache: cache)
        #expect(cold.map(\.status) == [.pass], "\(Harness.describe(cold))")
        let stored = try Self.storedOutputs(cache)
        #expect(stored.count == 2)
        var original: [String: Data] = [:]
        for path in stored {
            original[path] = try Data(contentsOf: URL(fileURLWithPath: path))
            try damage.apply(path)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) != original[path], "\(path)")
        }

        let after = try await h.run(matrix: matrix, cache: cache, out: "after")
        #expect(after.map(\.status) == [.pass], "\(Harness.describe(after))")
        #expect(T.uses(after, .compile) == [.miss])
        #expect(T.uses(after, .link) == [.miss])
        // Stored again under the same keys, with what the steps built this time (gcc is deterministic here).
        #expect(try Self.storedOutputs(cache).sorted() == stored.sorted())
        for path in stored {
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == original[path], "\(path)")
        }

        let warm = try await h.run(matrix: matrix, cache: cache, out: "warm")
        #expect(warm.map(\.status) == [.pass], "\(Harness.describe(warm))")
        #expect(T.uses(warm, .compile) == [.hit])
        #expect(T.uses(warm, .link) == [.hit])
        let program = "/work/greet/gcc/x86_64/O2/shared-libgcc/prog"
        #expect(try Self.cmp(h.root + "/warm" + program, h.root + "/after" + program))
        #expect(try stored.filter { try Self.cmp($0, h.root + "/warm" + program) }.count == 1)
    }

    /// A link's manifest replaced by the compile's, as mixed-up blocks after a crash could leave it: its
    /// entry's files are all unchanged and its result whole, but its result key is not the link's, so the
    /// link misses (restored, the object would have been the program).
    @Test func aManifestUnderAnotherBaseKeyIsNotUsed() async throws {
        try Harness.require(["gcc"])
        let h = try Harness()
        try T.writeGreeter(h, word: "hi", expect: "hi")
        let cache = T.settings(h)
        let matrix = T.matrix(links: ["shared-libgcc"])
        _ = try await h.run(matrix: matrix, cache: cache)
        let store = CacheStore(directory: cache.directory)
        let fm = FileManager.default
        var compile: Data?, links: [String] = []
        for shard in try fm.contentsOfDirectory(atPath: store.manifestsDir) {
            for name in try fm.contentsOfDirectory(atPath: store.manifestsDir + "/" + shard) {
                let path = "\(store.manifestsDir)/\(shard)/\(name)"
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                let manifest = try JSONDecoder().decode(CacheManifest.self, from: data)
                if manifest.entries.contains(where: { $0.dependencies.contains { $0.path.hasSuffix("/main.c") } }) {
                    compile = data
                } else {
                    links.append(path)
                }
            }
        }
        let compileManifest = try #require(compile)
        #expect(links.count == 1)
        for path in links { try compileManifest.write(to: URL(fileURLWithPath: path)) }

        let after = try await h.run(matrix: matrix, cache: cache, out: "after")
        #expect(after.map(\.status) == [.pass], "\(Harness.describe(after))")
        #expect(T.uses(after, .compile) == [.hit])
        #expect(T.uses(after, .link) == [.miss])
    }

    /// A header whose mtime is in the future changed "after" the step started, for all the cache can tell:
    /// the compile is not stored, however often it runs; the link (which did not read it) is.
    @Test func aDependencyDatedAfterTheStepStartIsNotStored() async throws {
        try Harness.require(["gcc"])
        let h = try Harness()
        try T.writeGreeter(h, word: "hi", expect: "hi")
        let header = h.root + "/fixtures/greet/word.h"
        let future = Date().addingTimeInterval(3600)
        try FileManager.default.setAttributes([.modificationDate: future], ofItemAtPath: header)
        let cache = T.settings(h)
        for _ in 0..<2 {
            let records = try await h.run(matrix: T.matrix(links: ["shared-libgcc"]), cache: cache)
            #expect(records.map(\.status) == [.pass], "\(Harness.describe(records))")
            #expect(T.uses(records, .compile) == [.miss])
        }
        // Back in the past: now it is stored, and the next run hits.
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: header)
        _ = try await h.run(matrix: T.matrix(links: ["shared-libgcc"]), cache: cache)
        let settled = try await h.run(matrix: T.matrix(links: ["shared-libgcc"]), cache: cache)
        #expect(T.uses(settled, .compile) == [.hit])
    }

    /// A compiler wrapper that touches the header after gcc read it, while the step still runs (as an
    /// editor saving mid-build would): not stored. The same wrapper without the touch: stored.
    @Test func aDependencyTouchedDuringTheStepIsNotStored() async throws {
        try Harness.require(["gcc", "touch"])
        let h = try Harness()
        try T.writeGreeter(h, word: "hi", expect: "hi")
        let header = h.root + "/fixtures/greet/word.h"
        func wrapper(touching: Bool) throws {
            let touch = touching ? "touch '\(header)'\n" : ""
            try h.write("bin/cc", "#!/bin/sh\ngcc \"$@\"\nrc=$?\n\(touch)exit $rc\n", executable: true)
        }
        try wrapper(touching: true)
        let cache = T.settings(h)
        let matrix = T.matrix(cc: h.root + "/bin/cc", links: ["shared-libgcc"])
        for _ in 0..<2 {
            let records = try await h.run(matrix: matrix, cache: cache)
            #expect(records.map(\.status) == [.pass], "\(Harness.describe(records))")
            #expect(T.uses(records, .compile) == [.miss])
        }
        try wrapper(touching: false)
        _ = try await h.run(matrix: matrix, cache: cache)
        let settled = try await h.run(matrix: matrix, cache: cache)
        #expect(T.uses(settled, .compile) == [.hit])
    }

    /// A cache made under the previous key version, its stored files then spoiled: the current version
    /// never reads them (every step misses and passes), and stores its own beside them.
    @Test func aCacheWrittenWithTheOldKeyVersionMissesCleanly() async throws {
        try Harness.require(["gcc"])
        let h = try Harness()
        try T.writeGreeter(h, word: "hi", expect: "hi")
        var old = T.settings(h)
        old.keyVersion = CacheKey.version - 1
        let first = try await h.run(matrix: T.matrix(), cache: old)
        #expect(first.map(\.status) == [.pass, .pass])
        let oldOutputs = try Self.storedOutputs(old)
        #expect(oldOutputs.count == 3)
        // Were any of them read, the build would be garbage.
        for path in oldOutputs { try Data("not an object".utf8).write(to: URL(fileURLWithPath: path)) }

        let current = T.settings(h)
        let after = try await h.run(matrix: T.matrix(), cache: current)
        #expect(after.map(\.status) == [.pass, .pass], "\(Harness.describe(after))")
        #expect((T.uses(after, .compile) + T.uses(after, .link)).allSatisfy { $0 == .miss })
        // Not even looked at: a restore that had read them would have found them damaged and removed them.
        #expect(oldOutputs.allSatisfy { FileManager.default.fileExists(atPath: $0) })
        let again = try await h.run(matrix: T.matrix(), cache: current)
        #expect((T.uses(again, .compile) + T.uses(again, .link)).allSatisfy { $0 == .hit })
        #expect(again.map(\.status) == [.pass, .pass])
        #expect(try Self.storedOutputs(current).count == 6)
    }

    /// A wrapper compiler that logs every invocation: the first run asks it `--version` and
    /// `-print-prog-name`; a second run asks nothing; a changed wrapper is asked again.
    @Test func aWarmRunAsksNoUnchangedCompilerWhoItIs() async throws {
        try Harness.require(["gcc"])
        let h = try Harness()
        try T.writeGreeter(h, word: "hi", expect: "hi")
        let log = h.root + "/cc.log"
        func wrapper(_ comment: String) throws {
            try h.write("bin/cc", "#!/bin/sh\n# \(comment)\necho \"$*\" >> '\(log)'\nexec gcc \"$@\"\n", executable: true)
        }
        try wrapper("first")
        let cache = T.settings(h)
        let matrix = T.matrix(cc: h.root + "/bin/cc", links: ["shared-libgcc"])
        func questions() throws -> [String] {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(atPath: log)
            return text.split(separator: "\n").map(String.init).filter { $0.contains("--version") || $0.contains("-print-prog-name") }
        }
        let cold = try await h.run(matrix: matrix, cache: cache)
        #expect(cold.map(\.status) == [.pass], "\(Harness.describe(cold))")
        let coldQuestions = try questions()
        #expect(coldQuestions.contains { $0.contains("--version") }, "\(coldQuestions)")
        #expect(coldQuestions.contains { $0.contains("-print-prog-name=cc1") }, "\(coldQuestions)")

        let warm = try await h.run(matrix: matrix, cache: cache, out: "warm")
        #expect(warm.map(\.status) == [.pass])
        #expect(T.uses(warm, .compile) == [.hit])
        #expect(try questions() == [])

        try wrapper("rebuilt")
        let changed = try await h.run(matrix: matrix, cache: cache)
        #expect(try questions().contains { $0.contains("--version") })
        #expect(T.uses(changed, .compile) == [.miss])
    }
}
