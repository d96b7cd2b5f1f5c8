import Foundation
import Testing

/// `toolgate-fuzz-text`, the fuzz executable scripts/fuzz.sh runs the matrix and report targets in: it
/// replays their corpora as `toolgate-fuzz` does, and, built from Model and Reporting without the ELF
/// reader, it needs none of libelf, libdw or libzstd (ELFFacts holds the values without the C).
@Suite("toolgate-fuzz-text replay", .blocking)
struct FuzzTextReplayTests {
    static func binary() throws -> String {
        let replay = URL(fileURLWithPath: try FuzzReplayTests.replayBinary()).deletingLastPathComponent()
            .appendingPathComponent("toolgate-fuzz-text").path
        guard FileManager.default.isExecutableFile(atPath: replay) else {
            throw HarnessError(description: "toolgate-fuzz-text not built beside \(replay) (run 'swift build --build-tests')")
        }
        return replay
    }

    @Test("replays every seed of Tests/Corpus/TARGET and exits 0", .timeLimit(.minutes(3)),
          arguments: ["matrix", "report"])
    func replayCorpus(_ target: String) throws {
        let corpus = FuzzReplayTests.corpora + "/" + target
        let seeds = try FileManager.default.contentsOfDirectory(atPath: corpus).count
        let run = try Spawn.run(try Self.binary(), [target, corpus], timeout: .seconds(120))
        #expect(run.succeeded, "status \(run.status): \(run.stderr.suffix(2000))")
        #expect(run.stdout.hasSuffix("replayed \(seeds) inputs through \(target)\n"), "\(run.stdout.suffix(300))")
    }

    @Test("has no elf target and exits 64", .timeLimit(.minutes(5)))
    func noELFTarget() throws {
        let run = try Spawn.run(try Self.binary(), ["elf", FuzzReplayTests.corpora + "/elf"], timeout: .seconds(60))
        #expect(run.status == 64)
        #expect(run.stderr.contains("toolgate-fuzz-text: error: the first argument must be a target, matrix|report; got 'elf'"),
                "\(run.stderr)")
    }

    @Test("needs no libelf, libdw or libzstd; toolgate-fuzz does", .timeLimit(.minutes(5)))
    func linksNoELFLibraries() throws {
        func needed(_ binary: String) throws -> [String] {
            let out = try Spawn.check("readelf", ["-d", "-W", binary]).stdout
            return out.split(separator: "\n").compactMap { line in
                guard line.contains("(NEEDED)"), let open = line.firstIndex(of: "["), let close = line.lastIndex(of: "]")
                else { return nil }
                return String(line[line.index(after: open)..<close])
            }
        }
        let elfLibraries = ["libelf.so.1", "libdw.so.1", "libzstd.so.1"]
        let text = try needed(try Self.binary())
        #expect(!text.isEmpty, "no NEEDED entries read")
        for lib in elfLibraries { #expect(!text.contains(lib), "toolgate-fuzz-text needs \(lib): \(text)") }
        // The check can see them: the ELF fuzzer links all three.
        let full = try needed(try FuzzReplayTests.replayBinary())
        for lib in elfLibraries { #expect(full.contains(lib), "toolgate-fuzz does not need \(lib): \(full)") }
    }
}
