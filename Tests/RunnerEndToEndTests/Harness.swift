import Foundation
import Testing
@testable import Execution
@testable import Model

/// A temporary directory per test (a TempDir: TOOLGATE_KEEP_TEST_DIRS=1 keeps it for a look) with a matrix,
/// fixtures and fake tools, and a way to run it in this process.
final class Harness: Sendable {
    let dir: TempDir
    var root: String { dir.path }

    init(_ label: String = #function) throws {
        dir = try TempDir(label)
        try dir.makeDirectory("fixtures")
    }

    func write(_ relative: String, _ text: String, executable: Bool = false) throws {
        try dir.write(relative, text, executable: executable)
    }

    /// Fails (never skips) when a tool is missing, naming it and its package.
    static func require(_ tools: [String]) throws {
        for t in tools {
            try #require(ExecutableLookup.resolve(t) != nil, "this test needs '\(t)'\(DebianPackages.hint(for: t))")
        }
    }

    /// Runs the matrix into `ROOT/OUT/work`, through the build cache when `cache` is given.
    func run(matrix text: String, jobs: Int = 2, repeats: Int = 0, cache: CacheSettings? = nil, out: String = "out") async throws
        -> [CellRecord]
    {
        try write("matrix.toml", text)
        let matrix = try MatrixDecoder.load(path: root + "/matrix.toml")
        let fixtures = try FixtureDiscovery.discover(in: matrix.fixtures)
        let plan = Plan.make(matrix: matrix, fixtures: fixtures)
        let work = root + "/\(out)/work"
        try? FileManager.default.removeItem(atPath: work)
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let toolchain = await ToolchainProbe.probe(matrix: matrix, workDir: work, answers: cache.map { ToolAnswerStore(cache: $0) })
        var executor = UnitExecutor(commands: BuildCommands(matrix: matrix, toolchain: toolchain), workDir: work, jobs: jobs)
        executor.repeats = repeats
        executor.cache = cache.map { BuildCache(settings: $0, workDir: work) }
        let runner = MatrixRunner(executor: executor, jobs: jobs)
        return await runner.run(plan) { _ in }
    }

    static func describe(_ records: [CellRecord]) -> String {
        records.map { "\($0.id): \($0.status.rawValue) \($0.reason ?? "")" }.joined(separator: "\n")
    }
}
