import Foundation
import Testing
@testable import Execution
@testable import Model

/// Real csmith: the same seed gives the same bytes and the same cache key, run after run, cache or not.
@Suite("generated programs", .timeLimit(.minutes(3)))
struct ProgramGeneratorTests {
    @Test func theSameSeedGivesTheSameBytesAndKeyOnTwoRuns() async throws {
        #expect(ExecutableLookup.resolve("csmith") != nil, "this test needs 'csmith' (apt-get install csmith libcsmith-dev)")
        let scratch = try TempDir()
        let dir = scratch.path
        let spec = GeneratorSpec(seeds: [7, 8])
        // Run 1 with an empty cache, run 2 from that cache, run 3 without a cache: one and the same program.
        var sources: [[Data]] = []
        var keys: [[String]] = []
        for (i, cache) in [dir + "/cache", dir + "/cache", nil].enumerated() {
            let g = ProgramGenerator(spec: spec, outDir: "\(dir)/out\(i)/generated", cacheRoot: cache)
            let fixtures = try await g.generate(version: try await g.version())
            #expect(fixtures.map(\.name) == ["csmith-7", "csmith-8"])
            sources.append(try fixtures.map { try Data(contentsOf: URL(fileURLWithPath: $0.path)) })
            keys.append(fixtures.compactMap { $0.generated?.cacheKey })
            let onDisk = try String(contentsOfFile: "\(dir)/out\(i)/generated/csmith-7.key", encoding: .utf8)
            #expect(onDisk == (keys.last?.first ?? "") + "\n")
            #expect(fixtures[0].annotations.cflags == ["-I/usr/include/csmith", "-w"])
        }
        #expect(sources[0] == sources[1] && sources[1] == sources[2])
        #expect(keys[0] == keys[1] && keys[1] == keys[2])
        #expect(keys[0][0] != keys[0][1])
        // Generated to stdout: no output file name inside the program.
        let text = String(decoding: sources[0][0], as: UTF8.self)
        #expect(text.contains("Seed:      7") && !text.contains("out0"))
        #expect(FileManager.default.fileExists(atPath: dir + "/cache/generated/\(keys[0][0]).c"))
    }

    @Test func theKeyDependsOnVersionFlagsAndSeed() {
        let k = ProgramGenerator.cacheKey(tool: "csmith", version: "csmith 2.3.0", flags: [], seed: 1)
        #expect(k == ProgramGenerator.cacheKey(tool: "csmith", version: "csmith 2.3.0", flags: [], seed: 1))
        #expect(k != ProgramGenerator.cacheKey(tool: "csmith", version: "csmith 2.4.0", flags: [], seed: 1))
        #expect(k != ProgramGenerator.cacheKey(tool: "csmith", version: "csmith 2.3.0", flags: ["--max-funcs", "3"], seed: 1))
        #expect(k != ProgramGenerator.cacheKey(tool: "csmith", version: "csmith 2.3.0", flags: [], seed: 2))
        // Flags are words: "--a b" and "--a", "b" differ from "--a b" as one word.
        #expect(ProgramGenerator.cacheKey(tool: "csmith", version: "v", flags: ["--a", "b"], seed: 1)
            != ProgramGenerator.cacheKey(tool: "csmith", version: "v", flags: ["--a b"], seed: 1))
    }

    @Test func badFlagsAreAnErrorNamingTheSeed() async throws {
        let scratch = try TempDir()
        let dir = scratch.path
        let g = ProgramGenerator(spec: GeneratorSpec(seeds: [3], flags: ["--no-such-flag"]), outDir: dir + "/generated", cacheRoot: nil)
        do {
            _ = try await g.generate(version: "v")
            Issue.record("csmith accepted --no-such-flag")
        } catch {
            #expect(error.description.contains("'csmith --seed 3' failed"), "\(error.description)")
            // csmith says why on stdout, not stderr.
            #expect(error.description.contains("invalid option --no-such-flag"), "\(error.description)")
        }
    }

    /// A wrapper (a script that records where it runs, then execs the real csmith) at `dir/name`.
    static func wrapper(_ dir: String, _ name: String, before: String = "") throws -> String {
        let path = dir + "/" + name
        try """
            #!/bin/sh
            printf '%s|%s\\n' "$(pwd)" "$(ls -A | tr '\\n' ' ')" >> \(dir)/\(name).log
            \(before)
            exec csmith "$@"

            """.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    /// csmith reads ./platform.info as it starts and writes it as it ends; in one shared directory one run
    /// could read what another had just truncated (CI saw it). Each run gets an empty directory of its own.
    @Test func eachCsmithRunsInAnEmptyDirectoryOfItsOwn() async throws {
        let scratch = try TempDir()
        let dir = scratch.path
        var g = ProgramGenerator(spec: GeneratorSpec(seeds: [1, 2, 3, 4]), outDir: dir + "/generated", cacheRoot: nil)
        g.executable = try Self.wrapper(dir, "csmith-logged")
        g.jobs = 2
        _ = try await g.generate(version: try await g.version())
        let runs = try String(contentsOfFile: dir + "/csmith-logged.log", encoding: .utf8).split(separator: "\n")
        #expect(runs.count == 5, "\(runs)")
        let places = runs.map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
        #expect(Set(places.map { $0.first ?? "" }).count == runs.count, "two runs shared a directory: \(runs)")
        for p in places {
            #expect(p.first?.hasPrefix(dir + "/generated/.") == true, "\(p)")
            // Only the launcher's own stdout and stderr files, made before exec.
            #expect(p.last == "stderr stdout ", "\(p)")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: dir + "/generated").sorted()
        #expect(left == (1...4).flatMap { ["csmith-\($0).c", "csmith-\($0).key"] }.sorted())
    }

    /// What the race did: real csmith meeting an empty platform.info. Its complaint, on stdout, is the error.
    @Test func csmithsOwnComplaintIsTheError() async throws {
        let scratch = try TempDir()
        let dir = scratch.path
        var g = ProgramGenerator(spec: GeneratorSpec(seeds: [2]), outDir: dir + "/generated", cacheRoot: nil)
        g.executable = try Self.wrapper(dir, "csmith-truncated", before: ": > platform.info")
        do {
            _ = try await g.generate(version: "v")
            Issue.record("csmith took an empty platform.info")
        } catch {
            #expect(error.description.contains("'\(g.executable) --seed 2' failed (exit 255): please specify integer size in platform.info"),
                    "\(error.description)")
        }
    }
}
