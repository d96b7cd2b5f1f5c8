import Foundation
import Synchronization
import Testing

/// `run`'s cache options through the real `toolgate` and gcc: the default directory, `--no-cache`, bad values.
@Suite(.timeLimit(.minutes(3)), .blocking) struct CacheCommandTests {
    static func setUp() throws -> TempDir {
        for tool in ["gcc", "prlimit"] { _ = try Spawn.require(tool) }
        let dir = try TempDir()
        try FileManager.default.createDirectory(atPath: dir.path("fixtures"), withIntermediateDirectories: true)
        try """
            fixtures = "fixtures"
            link = ["shared-libgcc", "static-libgcc"]
            [compilers.gcc]
            cc = "gcc"
            cxx = "g++"
            [targets.x86_64]
            """.write(toFile: dir.path("matrix.toml"), atomically: true, encoding: .utf8)
        try "// EXPECT-STDOUT: ok\n#include <stdio.h>\nint main(void) { puts(\"ok\"); return 0; }\n"
            .write(toFile: dir.path("fixtures/ok.c"), atomically: true, encoding: .utf8)
        return dir
    }

    static func commands(_ reportPath: String) throws -> [[String: Any]] {
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: reportPath))) as? [String: Any]
        let cells = report?["cells"] as? [[String: Any]] ?? []
        return cells.flatMap { $0["commands"] as? [[String: Any]] ?? [] }
    }

    @Test func defaultDirectoryIsUnderXDGCacheHomeAndTheSecondRunHits() throws {
        let dir = try Self.setUp()
        let env = ["XDG_CACHE_HOME": dir.path("xdg")]
        let first = try ToolgateBinary.run(["run", dir.path("matrix.toml"), "--out", dir.path("out")], timeout: 120, environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("toolgate: cache: 0 hits, 3 misses; "), "\(first.stderr)")
        #expect(first.stderr.contains(" in \(dir.path("xdg"))/toolgate (limit 5.0 GiB)"), "\(first.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.path("xdg/toolgate/v1/results")))
        let second = try ToolgateBinary.run(["run", dir.path("matrix.toml"), "--out", dir.path("out")], timeout: 120, environment: env)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("toolgate: cache: 3 hits, 0 misses; "), "\(second.stderr)")
        let uses = try Self.commands(dir.path("out/report.json")).map { "\($0["step"] ?? "")=\($0["cache"] ?? "none")" }
        #expect(uses.sorted() == ["compile=hit", "compile=hit", "link=hit", "link=hit", "run=none", "run=none"])
    }

    @Test func noCacheNeitherReadsNorWrites() throws {
        let dir = try Self.setUp()
        let env = ["XDG_CACHE_HOME": dir.path("xdg")]
        let r = try ToolgateBinary.run(["run", dir.path("matrix.toml"), "--out", dir.path("out"), "--no-cache"], timeout: 120, environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("cache:"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("xdg")))
        let commands = try Self.commands(dir.path("out/report.json"))
        #expect(commands.count == 6)
        #expect(commands.allSatisfy { $0["cache"] == nil })
        // Without the cache no dependency file is asked for: the argv is the matrix's own.
        #expect(commands.allSatisfy { !($0["argv"] as? [String] ?? []).contains("-MD") })
    }

    /// Two toolgate processes at once on one cache directory: both right, and the cache whole afterwards.
    @Test func twoProcessesShareOneCache() throws {
        let dir = try Self.setUp()
        let cache = dir.path("shared-cache")
        let results = Mutex<[Int: Run]>([:])
        let matrix = dir.path("matrix.toml"), outs = [dir.path("out0"), dir.path("out1")]
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let r = try? ToolgateBinary.run(["run", matrix, "--out", outs[i], "--cache-dir", cache], timeout: 120)
            results.withLock { $0[i] = r }
        }
        let both = results.withLock { $0 }
        for i in 0..<2 {
            let r = try #require(both[i], "run \(i) could not start")
            #expect(r.status == 0, "\(r.stderr)")
        }
        let third = try ToolgateBinary.run(["run", dir.path("matrix.toml"), "--out", dir.path("out2"), "--cache-dir", cache], timeout: 120)
        #expect(third.stderr.contains("toolgate: cache: 3 hits, 0 misses; "), "\(third.stderr)")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: cache + "/v1/tmp")) ?? []).isEmpty)
    }

    @Test func smallLimitEvictsAfterTheRun() throws {
        let dir = try Self.setUp()
        let r = try ToolgateBinary.run(
            ["run", dir.path("matrix.toml"), "--out", dir.path("out"), "--cache-dir", dir.path("c"), "--cache-max-size", "1K"], timeout: 120)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("least recently used entries evicted"), "\(r.stderr)")
        #expect(r.stderr.contains("(limit 0.0 MiB)"), "\(r.stderr)")
    }

    @Test(arguments: [
        (["--cache-max-size", "12Q"], "'--cache-max-size' must be a size such as 500M, 5G or a number of bytes, got '12Q'"),
        (["--no-cache", "--cache-dir", "/tmp/x"], "'--no-cache' cannot be combined with '--cache-dir' or '--cache-max-size'"),
    ])
    func badCacheOptionsAreUsageErrors(_ options: [String], _ message: String) throws {
        let r = try ToolgateBinary.run(["run", "matrices/none.toml"] + options, timeout: 30)
        #expect(r.status == 2)
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test func helpNamesTheCacheOptions() throws {
        let r = try ToolgateBinary.run(["run", "--help"], timeout: 30)
        for option in ["--cache-dir <dir>", "--cache-max-size <size>", "--no-cache", "~/.cache/toolgate"] {
            #expect(r.stdout.contains(option), "\(option)")
        }
    }
}
