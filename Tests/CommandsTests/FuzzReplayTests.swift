import Foundation
import Testing

/// The fuzz executable's normal build (docs/fuzzing.md) replays each target's committed seed corpus, as
/// libFuzzer would feed it: every seed, crashing inputs of the past among them, gives an answer, never a trap.
@Suite("toolgate-fuzz replay", .blocking)
struct FuzzReplayTests {
    static let corpora = Repository.path("Tests/Corpus")

    /// Built beside `toolgate` by `swift build --build-tests`.
    static func replayBinary() throws -> String {
        let toolgate = try ToolgateBinary.locate()
        let replay = URL(fileURLWithPath: toolgate).deletingLastPathComponent().appendingPathComponent("toolgate-fuzz").path
        guard FileManager.default.isExecutableFile(atPath: replay) else {
            throw HarnessError(description: "toolgate-fuzz not built beside \(toolgate) (run 'swift build --build-tests')")
        }
        return replay
    }

    @Test("replays every seed of Tests/Corpus/TARGET and exits 0", arguments: ["elf", "matrix", "report"])
    func replayCorpus(_ target: String) throws {
        let corpus = Self.corpora + "/" + target
        let seeds = try FileManager.default.contentsOfDirectory(atPath: corpus).count
        #expect(seeds >= 10, "\(corpus) has only \(seeds) seeds")
        let run = try Spawn.run(try Self.replayBinary(), [target, corpus], timeout: .seconds(120))
        #expect(run.succeeded, "status \(run.status): \(run.stderr.suffix(2000))")
        #expect(run.stdout.hasSuffix("replayed \(seeds) inputs through \(target)\n"), "\(run.stdout.suffix(300))")
    }

    @Test("without a target it names the three and exits 64")
    func targetIsRequired() throws {
        let run = try Spawn.run(try Self.replayBinary(), ["Tests/Corpus/elf"], timeout: .seconds(60))
        #expect(run.status == 64)
        #expect(run.stderr.contains("the first argument must be a target, elf|matrix|report; got 'Tests/Corpus/elf'"), "\(run.stderr)")
    }
}
