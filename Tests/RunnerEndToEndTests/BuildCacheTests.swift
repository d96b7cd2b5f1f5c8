import Foundation
import Testing
@testable import Execution
@testable import Model

/// The build cache with the real gcc: hits restore what a miss built, anything a step reads that changes
/// makes it miss, and a wrong hit would show as a failing cell (the fixture prints what its header says).
@Suite(.timeLimit(.minutes(5))) struct BuildCacheTests {
    static func matrix(cc: String = "gcc", cflags: [String] = [], links: [String] = ["shared-libgcc", "static"]) -> String {
        let flags = cflags.map { "\"\($0)\"" }.joined(separator: ", ")
        let modes = links.map { "\"\($0)\"" }.joined(separator: ", ")
        return """
            fixtures = "fixtures"
            link = [\(modes)]
            cflags = [\(flags)]
            timeout = 60
            [compilers.gcc]
            cc = "\(cc)"
            cxx = "g++"
            [targets.x86_64]
            """
    }

    /// Prints the word its header defines; the expectation says which word a correct build prints.
    static func writeGreeter(_ h: Harness, word: String, expect: String) throws {
        try h.write("fixtures/greet/main.c", """
            // EXPECT-STDOUT: \(expect)
            #include <stdio.h>
            #include "word.h"
            int main(void) { puts(WORD); return 0; }

            """)
        try h.write("fixtures/greet/word.h", "#define WORD \"\(word)\"\n")
    }

    static func uses(_ records: [CellRecord], _ step: CommandRecord.Step) -> [CacheUse?] {
        records.flatMap { $0.commands.filter { $0.step == step }.map(\.cache) }
    }

    static func settings(_ h: Harness, maxBytes: Int64 = CacheSettings.defaultMaxBytes) -> CacheSettings {
        CacheSettings(directory: h.root + "/cache", maxBytes: maxBytes)
    }

    @Test func warmRunRestoresEveryCompileAndLinkAndStillRunsTheProgram() async throws {
        try Harness.require(["gcc", "prlimit"])
        let h = try Harness()
        try Self.writeGreeter(h, word: "hi", expect: "hi")
        let cache = Self.settings(h)
        let cold = try await h.run(matrix: Self.matrix(), cache: cache)
        #expect(cold.map(\.status) == [.pass, .pass], "\(Harness.describe(cold))")
        #expect(Self.uses(cold, .compile).allSatisfy { $0 == .miss })
        #expect(Self.uses(cold, .link) == [.miss, .miss])
        let coldProgram = try Data(contentsOf: URL(fileURLWithPath: h.root + "/out/work/greet/gcc/x86_64/O2/static/prog"))

        let warm = try await h.run(matrix: Self.matrix(), cache: cache)
        #expect(warm.map(\.status) == [.pass, .pass], "\(Harness.describe(warm))")
        #expect(Self.uses(warm, .compile).allSatisfy { $0 == .hit })
        #expect(Self.uses(warm, .link) == [.hit, .hit])
        // The run step is never cached: it ran again and printed again.
        for r in warm {
            let run = try #require(r.commands.first { $0.step == .run })
            #expect(run.cache == nil)
            #expect(run.exitCode == 0)
            #expect(r.stdout == "hi\n")
        }
        let warmProgram = try Data(contentsOf: URL(fileURLWithPath: h.root + "/out/work/greet/gcc/x86_64/O2/static/prog"))
        #expect(warmProgram == coldProgram)
        #expect(FileManager.default.isExecutableFile(atPath: h.root + "/out/work/greet/gcc/x86_64/O2/static/prog"))
        // The ELF facts of the restored binary are those of the built one.
        #expect(warm.map(\.elf) == cold.map(\.elf))

        // Another output directory: the work directory in argv is no part of the key.
        let elsewhere = try await h.run(matrix: Self.matrix(), cache: cache, out: "elsewhere")
        #expect(elsewhere.map(\.status) == [.pass, .pass])
        #expect(Self.uses(elsewhere, .compile).allSatisfy { $0 == .hit })
        #expect(Self.uses(elsewhere, .link) == [.hit, .hit])
    }

    @Test func changingAnIncludedHeaderMissesAndTheNewHeaderIsWhatRuns() async throws {
        try Harness.require(["gcc", "prlimit"])
        let h = try Harness()
        try Self.writeGreeter(h, word: "hi", expect: "hi")
        let cache = Self.settings(h)
        _ = try await h.run(matrix: Self.matrix(), cache: cache)
        // Same size, new content: the stat shortcut must not hide it.
        try h.write("fixtures/greet/word.h", "#define WORD \"ho\"\n")
        let after = try await h.run(matrix: Self.matrix(), cache: cache)
        #expect(Self.uses(after, .compile).allSatisfy { $0 == .miss })
        #expect(Self.uses(after, .link) == [.miss, .miss])
        // A stale object would still print "hi" and pass.
        #expect(after.map(\.status) == [.fail, .fail], "\(Harness.describe(after))")
        #expect(after.allSatisfy { $0.stdout == "ho\n" })

        // Back to the first header: its entry is still in the manifest.
        try h.write("fixtures/greet/word.h", "#define WORD \"hi\"\n")
        let back = try await h.run(matrix: Self.matrix(), cache: cache)
        #expect(Self.uses(back, .compile).allSatisfy { $0 == .hit })
        #expect(back.map(\.status) == [.pass, .pass])
    }

    @Test func changingAFlagMisses() async throws {
        try Harness.require(["gcc", "prlimit"])
        let h = try Harness()
        try Self.writeGreeter(h, word: "hi", expect: "hi")
        let cache = Self.settings(h)
        _ = try await h.run(matrix: Self.matrix(), cache: cache)
        let flagged = try await h.run(matrix: Self.matrix(cflags: ["-DUNUSED=1"]), cache: cache)
        #expect(Self.uses(flagged, .compile).allSatisfy { $0 == .miss })
        #expect(Self.uses(flagged, .link) == [.miss, .miss])
        #expect(flagged.map(\.status) == [.pass, .pass])
        let again = try await h.run(matrix: Self.matrix(cflags: ["-DUNUSED=1"]), cache: cache)
        #expect(Self.uses(again, .compile).allSatisfy { $0 == .hit })
    }

    /// A compiler replaced at the same path (a rebootstrap's staging prefix), and an assembler replaced
    /// under an unchanged driver: both must miss.
    @Test func changingTheCompilerOrItsAssemblerMisses() async throws {
        try Harness.require(["gcc", "clang-19", "as", "prlimit"])
        let h = try Harness()
        try Self.writeGreeter(h, word: "hi", expect: "hi")
        try h.write("bin/cc", "#!/bin/sh\nexec gcc \"$@\"\n", executable: true)
        try h.write("tools/as", "#!/bin/sh\nexec as \"$@\"\n", executable: true)
        let cache = Self.settings(h)
        let matrix = Self.matrix(cc: h.root + "/bin/cc", cflags: ["-B\(h.root)/tools/"], links: ["shared-libgcc"])
        let first = try await h.run(matrix: matrix, cache: cache)
        #expect(first.map(\.status) == [.pass], "\(Harness.describe(first))")
        let second = try await h.run(matrix: matrix, cache: cache)
        #expect(Self.uses(second, .compile) == [.hit])

        // The assembler gcc runs (found through -B) is a new file: same driver, new identity.
        try h.write("tools/as", "#!/bin/sh\n# rebuilt\nexec as \"$@\"\n", executable: true)
        let newAssembler = try await h.run(matrix: matrix, cache: cache)
        #expect(Self.uses(newAssembler, .compile) == [.miss])
        #expect(Self.uses(newAssembler, .link) == [.miss])

        // Another compiler behind the same path.
        try h.write("bin/cc", "#!/bin/sh\nexec clang-19 \"$@\"\n", executable: true)
        let swapped = try await h.run(matrix: matrix, cache: cache)
        #expect(Self.uses(swapped, .compile) == [.miss])
        #expect(swapped.map(\.status) == [.pass], "\(Harness.describe(swapped))")
        // .comment names every compiler that built part of the binary: clang's object is in it, not gcc's old one.
        let comment = swapped.first?.elf?.comment ?? []
        #expect(comment.contains { $0.contains("clang") }, "\(comment)")
    }

    @Test func concurrentRunsShareOneCache() async throws {
        try Harness.require(["gcc", "prlimit"])
        let h = try Harness()
        try Self.writeGreeter(h, word: "hi", expect: "hi")
        try h.write("fixtures/hello.c", "// EXPECT-STDOUT: hello\n#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n")
        let cache = Self.settings(h)
        let matrix = Self.matrix()
        // Written once so neither run rewrites the file the other reads.
        try h.write("matrix.toml", matrix)
        async let a = h.run(matrix: matrix, jobs: 2, cache: cache, out: "a")
        async let b = h.run(matrix: matrix, jobs: 2, cache: cache, out: "b")
        let (ra, rb) = try await (a, b)
        #expect(ra.map(\.status) == Array(repeating: .pass, count: 4), "\(Harness.describe(ra))")
        #expect(rb.map(\.status) == ra.map(\.status), "\(Harness.describe(rb))")
        let third = try await h.run(matrix: matrix, cache: cache, out: "c")
        #expect(Self.uses(third, .compile).allSatisfy { $0 == .hit })
        #expect(Self.uses(third, .link).allSatisfy { $0 == .hit })
        #expect(third.map(\.status) == ra.map(\.status))
        // Every entry is whole, and nothing is left in the scratch directory.
        let store = CacheStore(directory: cache.directory)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: store.tmpDir)) ?? []).isEmpty)
        for shard in try FileManager.default.contentsOfDirectory(atPath: store.resultsDir) {
            for entry in try FileManager.default.contentsOfDirectory(atPath: store.resultsDir + "/" + shard) {
                let files = try FileManager.default.contentsOfDirectory(atPath: "\(store.resultsDir)/\(shard)/\(entry)")
                #expect(Set(files) == ["output", "stdout", "stderr"])
            }
        }
    }

    @Test func trimEvictsTheLeastRecentlyUsedDownToTheLimit() async throws {
        try Harness.require(["gcc", "prlimit"])
        let h = try Harness()
        try Self.writeGreeter(h, word: "hi", expect: "hi")
        let full = Self.settings(h)
        _ = try await h.run(matrix: Self.matrix(), cache: full)
        let size = CacheTrim.size(full)
        #expect(size > 0)
        #expect(CacheTrim.trim(full).evicted == 0)

        let limited = Self.settings(h, maxBytes: size / 2)
        let outcome = CacheTrim.trim(limited)
        #expect(outcome.evicted > 0)
        #expect(outcome.bytesBefore == size)
        #expect(outcome.bytesAfter <= limited.maxBytes / 4 * 3)
        #expect(CacheTrim.size(limited) == outcome.bytesAfter)
        // What was evicted is built again; nothing fails for it.
        let after = try await h.run(matrix: Self.matrix(), cache: full)
        #expect(after.map(\.status) == [.pass, .pass])
        #expect((Self.uses(after, .compile) + Self.uses(after, .link)).contains(.miss))
    }

    @Test func damagedEntriesAreMissesAndAreRepaired() async throws {
        try Harness.require(["gcc", "prlimit"])
        let h = try Harness()
        try Self.writeGreeter(h, word: "hi", expect: "hi")
        let cache = Self.settings(h)
        _ = try await h.run(matrix: Self.matrix(), cache: cache)
        let store = CacheStore(directory: cache.directory)
        let fm = FileManager.default
        var damaged = 0
        for shard in try fm.contentsOfDirectory(atPath: store.manifestsDir) {
            for name in try fm.contentsOfDirectory(atPath: store.manifestsDir + "/" + shard) {
                try Data("{\"entries\": [".utf8).write(to: URL(fileURLWithPath: "\(store.manifestsDir)/\(shard)/\(name)"))
                damaged += 1
            }
        }
        #expect(damaged == 3)
        let after = try await h.run(matrix: Self.matrix(), cache: cache)
        #expect(after.map(\.status) == [.pass, .pass])
        #expect(Self.uses(after, .compile).allSatisfy { $0 == .miss })
        let repaired = try await h.run(matrix: Self.matrix(), cache: cache)
        #expect(Self.uses(repaired, .compile).allSatisfy { $0 == .hit })

        // A result whose output vanished (evicted by another run meanwhile) is a miss too.
        for shard in try fm.contentsOfDirectory(atPath: store.resultsDir) {
            for entry in try fm.contentsOfDirectory(atPath: store.resultsDir + "/" + shard) {
                try fm.removeItem(atPath: "\(store.resultsDir)/\(shard)/\(entry)/output")
            }
        }
        let gone = try await h.run(matrix: Self.matrix(), cache: cache)
        #expect(gone.map(\.status) == [.pass, .pass])
        #expect(Self.uses(gone, .compile).allSatisfy { $0 == .miss })
        // The miss removed the damaged result and stored it again.
        let restored = try await h.run(matrix: Self.matrix(), cache: cache)
        #expect(Self.uses(restored, .compile).allSatisfy { $0 == .hit })
    }

    @Test func failedStepsAreNeverStored() async throws {
        try Harness.require(["gcc", "prlimit"])
        let h = try Harness()
        try h.write("fixtures/broken.c", "int main(void) { return undeclared; }\n")
        let cache = Self.settings(h)
        for _ in 0..<2 {
            let records = try await h.run(matrix: Self.matrix(links: ["shared-libgcc"]), cache: cache)
            #expect(records.map(\.status) == [.compileError])
            #expect(Self.uses(records, .compile) == [.miss])
        }
        #expect(!FileManager.default.fileExists(atPath: CacheStore(directory: cache.directory).resultsDir))
    }

    @Test func stepsTheCacheRefusesRunEveryTime() async throws {
        try Harness.require(["gcc", "prlimit"])
        let h = try Harness()
        try Self.writeGreeter(h, word: "hi", expect: "hi")
        let cache = Self.settings(h)
        // -save-temps writes files the dependency file does not name.
        let matrix = Self.matrix(cflags: ["-save-temps=obj"], links: ["shared-libgcc"])
        for _ in 0..<2 {
            let records = try await h.run(matrix: matrix, cache: cache)
            #expect(records.map(\.status) == [.pass], "\(Harness.describe(records))")
            #expect(Self.uses(records, .compile) == [.uncacheable])
            #expect(Self.uses(records, .link) == [.uncacheable])
        }
    }
}
