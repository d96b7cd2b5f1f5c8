import Foundation
import Testing

/// `toolgate run --shard K/N` and `toolgate merge` with the real gcc, for x86_64 and for aarch64 under qemu:
/// a whole run and three shards merged must give the same cells.
@Suite(.timeLimit(.minutes(5)), .serialized, .blocking) struct ShardMergeCommandTests {
    static let matrix = """
        name = "shard-e2e"
        fixtures = "fixtures"
        timeout = 120
        link = ["shared-libgcc", "static"]
        [compilers.gcc]
        cc = "gcc"
        cxx = "g++"
        [compilers.gcc.targets.aarch64]
        cc = "aarch64-linux-gnu-gcc"
        cxx = "aarch64-linux-gnu-g++"
        [targets.x86_64]
        [targets.aarch64]
        runner = ["qemu-aarch64", "-L", "/usr/aarch64-linux-gnu"]
        """

    static let fixtures = [
        "hello.c": "// EXPECT-STDOUT: hello\n#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n",
        "throw.cc": """
            // EXPECT-STDOUT: caught 7
            #include <cstdio>
            #include <stdexcept>
            int main() { try { throw std::runtime_error("7"); } catch (const std::exception &e) { std::printf("caught %s\\n", e.what()); } }
            """,
        "wrong.c": "// EXPECT-EXIT: 3\nint main(void) { return 4; }\n",
    ]

    /// A scratch directory with the matrix and fixtures; `toolgate` runs with it as the working directory's paths.
    static func setUp() throws -> TempDir {
        for tool in ["gcc", "g++", "aarch64-linux-gnu-gcc", "aarch64-linux-gnu-g++", "qemu-aarch64", "prlimit"] {
            _ = try Spawn.require(tool)
        }
        let dir = try TempDir()
        try FileManager.default.createDirectory(atPath: dir.path("fixtures"), withIntermediateDirectories: true)
        try matrix.write(toFile: dir.path("matrix.toml"), atomically: true, encoding: .utf8)
        for (name, text) in fixtures { try text.write(toFile: dir.path("fixtures/" + name), atomically: true, encoding: .utf8) }
        return dir
    }

    static func report(_ path: String) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        guard let object = value as? [String: Any] else { throw HarnessError(description: "\(path) is not a JSON object") }
        return object
    }

    /// A cell as compared: with the report's own directory written `OUT` wherever it occurs (work directories in
    /// argv, cwd, env and the steps' output), and without `duration_ms` (the cell's and every command's), `log`
    /// and `cache` (whether a step's output came from the build cache is how, not what).
    static func comparable(_ cell: Any, outDir: String) throws -> NSDictionary {
        let data = try JSONSerialization.data(withJSONObject: cell, options: [.sortedKeys, .withoutEscapingSlashes])
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: outDir, with: "OUT")
        func strip(_ value: Any) -> Any {
            if let object = value as? [String: Any] {
                var kept: [String: Any] = [:]
                for (k, v) in object where !["duration_ms", "log", "cache"].contains(k) { kept[k] = strip(v) }
                return kept
            }
            if let array = value as? [Any] { return array.map(strip) }
            return value
        }
        let stripped = strip(try JSONSerialization.jsonObject(with: Data(text.utf8)))
        guard let dict = stripped as? [String: Any] else { throw HarnessError(description: "a cell is not an object") }
        return dict as NSDictionary
    }

    @Test func threeShardsMergedEqualTheWholeRun() throws {
        let dir = try Self.setUp()
        // The whole run fills a fresh cache; the shards then build from it: same verdicts, from cache.
        let cache = ["--cache-dir", dir.path("cache")]
        let whole = try ToolgateBinary.run(["run", dir.path("matrix.toml"), "--out", dir.path("whole"), "-j", "2"] + cache, timeout: 240)
        #expect(whole.status == 1, "\(whole.stderr)")
        #expect(!whole.stderr.contains("cell spool"), "a fresh --out gets its spool: \(whole.stderr)")
        var shardDirs: [String] = []
        for k in 1...3 {
            let out = dir.path("s\(k)")
            let r = try ToolgateBinary.run(["run", dir.path("matrix.toml"), "--out", out, "-j", "2", "--shard", "\(k)/3"] + cache, timeout: 240)
            #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
            #expect(r.stderr.contains(" 0 misses"), "\(r.stderr)")
            let meta = try #require(try Self.report(out + "/report.json")["metadata"] as? [String: Any])
            #expect(meta["shard"] as? NSDictionary == ["index": k, "count": 3] as NSDictionary)
            shardDirs.append(out)
        }
        // Given out of order, and directories instead of files for two of them.
        let merged = try ToolgateBinary.run(
            ["merge", "--out", dir.path("merged"), shardDirs[2] + "/report.json", shardDirs[0], shardDirs[1]], timeout: 60)
        #expect(merged.status == 1, "\(merged.stderr)")
        for page in ["junit.xml", "summary.md", "index.html"] {
            #expect(FileManager.default.fileExists(atPath: dir.path("merged/" + page)), "merge writes \(page) as a run does")
        }

        let w = try Self.report(dir.path("whole/report.json")), m = try Self.report(dir.path("merged/report.json"))
        let wCells = try #require(w["cells"] as? [Any]), mCells = try #require(m["cells"] as? [Any])
        #expect(wCells.count == 3 * 2 * 2)
        #expect(mCells.count == wCells.count)
        let uses = { (cells: [Any]) in
            cells.flatMap { (($0 as? [String: Any])?["commands"] as? [[String: Any]] ?? []).compactMap { $0["cache"] as? String } }
        }
        #expect(Set(uses(wCells)) == ["miss"])
        #expect(Set(uses(mCells)) == ["hit"])
        for (a, b) in zip(wCells, mCells) {
            let wa = try Self.comparable(a, outDir: dir.path("whole")), mb = try Self.comparable(b, outDir: shardOf(b, shardDirs))
            #expect(wa == mb, "\(wa["id"] ?? "?") against \(mb["id"] ?? "?")")
        }
        #expect(m["summary"] as? NSDictionary == w["summary"] as? NSDictionary)
        #expect(m["complete"] as? Bool == true)
        let wMeta = try #require(w["metadata"] as? [String: Any]), mMeta = try #require(m["metadata"] as? [String: Any])
        #expect(mMeta["shard"] == nil)
        for key in ["matrix", "compilers", "runners", "axes"] {
            #expect((wMeta[key] as? NSObject) == (mMeta[key] as? NSObject), "metadata '\(key)'")
        }
        for case let cell as [String: Any] in mCells {
            let log = try #require(cell["log"] as? String, "\(cell["id"] ?? "?") has no log")
            #expect(FileManager.default.fileExists(atPath: dir.path("merged/" + log)), "\(log)")
        }

        // Refusals, each naming the files: the same shard twice, a malformed cell, broken JSON, a missing file.
        let twice = try ToolgateBinary.run(["merge", "--out", dir.path("m2"), shardDirs[0], shardDirs[1], shardDirs[0]], timeout: 60)
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("\(shardDirs[0])/report.json: error: shard 1/3 is also '\(shardDirs[0])/report.json'"), "\(twice.stderr)")

        let bad = dir.path("bad.json")
        let badText = try String(contentsOfFile: shardDirs[1] + "/report.json", encoding: .utf8)
            .replacingOccurrences(of: "\"status\" : \"pass\"", with: "\"status\" : 42")
            .replacingOccurrences(of: "\"status\" : \"fail\"", with: "\"status\" : 42")
        try badText.write(toFile: bad, atomically: true, encoding: .utf8)
        let malformed = try ToolgateBinary.run(["merge", "--out", dir.path("m3"), shardDirs[0], bad], timeout: 60)
        #expect(malformed.status == 2)
        #expect(malformed.stderr.contains("\(bad): error: not a toolgate report: 'cells[0].status'"), "\(malformed.stderr)")

        let truncated = dir.path("truncated.json")
        try String(badText.prefix(200)).write(toFile: truncated, atomically: true, encoding: .utf8)
        let broken = try ToolgateBinary.run(["merge", "--out", dir.path("m4"), truncated], timeout: 60)
        #expect(broken.status == 2)
        // The end of the file, as line:column: 200 bytes in.
        let lines = badText.prefix(200).split(separator: "\n", omittingEmptySubsequences: false)
        let end = "\(lines.count):\((lines.last?.utf8.count ?? 0) + 1)"
        #expect(broken.stderr.hasPrefix("\(truncated):\(end): error: not valid JSON: "), "\(broken.stderr)")

        let missing = try ToolgateBinary.run(["merge", "--out", dir.path("m5"), dir.path("nowhere.json")], timeout: 60)
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("\(dir.path("nowhere.json")): error: no such file"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("m2/report.json")))
    }

    /// The directory of the shard whose report holds this merged cell (its work paths name that directory).
    func shardOf(_ cell: Any, _ dirs: [String]) -> String {
        let text = (try? JSONSerialization.data(withJSONObject: cell)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return dirs.first(where: { text.contains($0.replacingOccurrences(of: "/", with: "\\/")) || text.contains($0) }) ?? dirs[0]
    }

    @Test(arguments: ["0/3", "4/3", "x"]) func badShardIsAUsageError(_ value: String) throws {
        let r = try ToolgateBinary.run(["list", "--shard", value], timeout: 60)
        #expect(r.status == 2)
        #expect(r.stderr.contains("'--shard' must be K/N with 1 ≤ K ≤ N (e.g. '2/4'), got '\(value)'"), "\(r.stderr)")
    }
}
