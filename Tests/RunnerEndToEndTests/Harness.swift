import Foundation
import Testing
@testable import Execution
@testable import Model

/// A temporary directory per test with a matrix, fixtures and fake tools, and a way to run it.
/// Removed when the test lets go of it; set TOOLGATE_KEEP_TEST_DIRS=1 to keep it for a look.
final class Harness: Sendable {
    let root: String

    init() throws {
        root = FileManager.default.temporaryDirectory.path + "/toolgate-e2e-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root + "/fixtures", withIntermediateDirectories: true)
    }

    deinit {
        if ProcessInfo.processInfo.environment["TOOLGATE_KEEP_TEST_DIRS"] == nil {
            try? FileManager.default.removeItem(atPath: root)
        }
    }

    func write(_ relative: String, _ text: String, executable: Bool = false) throws {
        let path = root + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path) }
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
