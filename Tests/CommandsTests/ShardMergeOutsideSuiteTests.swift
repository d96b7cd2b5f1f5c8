import Foundation
import Testing

/// The shard/merge path on an outside suite (`--fixtures DIR`, as benchmarks/scale.sh runs c-torture):
/// 30 tiny fixtures in 4 shards, merged, give the whole run's cells with the same statuses, each cell in
/// exactly one shard. benchmarks/scale.sh --shards 4 shows the same on 8,136 cells.
@Suite(.timeLimit(.minutes(5)), .blocking) struct ShardMergeOutsideSuiteTests {
    static func cells(_ path: String) throws -> [String: String] {
        let value = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        let cells = try #require((value as? [String: Any])?["cells"] as? [[String: Any]], "\(path) has no cells")
        var out: [String: String] = [:]
        for c in cells {
            let id = try #require(c["id"] as? String), status = try #require(c["status"] as? String)
            #expect(out[id] == nil, "\(id) twice in \(path)")
            out[id] = status
        }
        return out
    }

    @Test func fourShardsOfAnOutsideDirectoryMergedEqualTheWholeRun() throws {
        _ = try Spawn.require("gcc")
        let dir = try TempDir()
        let suite = dir.path("outside-suite")
        try FileManager.default.createDirectory(atPath: suite, withIntermediateDirectories: true)
        // Plain programs as c-torture's are: exit 0 passes; every seventh exits 1 and fails.
        for i in 1...30 {
            let code = i % 7 == 0 ? 1 : 0
            try "int main(void) { volatile int x = \(i); return x == \(i) ? \(code) : 2; }\n"
                .write(toFile: "\(suite)/t\(i).c", atomically: true, encoding: .utf8)
        }
        try """
            name = "outside"
            opt = ["-O0", "-O2"]
            link = ["shared-libgcc"]
            timeout = 60
            [compilers.gcc]
            cc = "gcc"
            cxx = "g++"
            [targets.x86_64]
            """.write(toFile: dir.path("m.toml"), atomically: true, encoding: .utf8)
        let common = ["--fixtures", suite, "-j", "2", "--cache-dir", dir.path("cache")]
        let whole = try ToolgateBinary.run(["run", dir.path("m.toml"), "--out", dir.path("whole")] + common, timeout: 240)
        #expect(whole.status == 1, "\(whole.stderr)")
        var parts: [String] = []
        var seen: [String: Int] = [:]
        for k in 1...4 {
            let out = dir.path("s\(k)")
            let r = try ToolgateBinary.run(["run", dir.path("m.toml"), "--out", out, "--shard", "\(k)/4"] + common, timeout: 240)
            #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
            for id in try Self.cells(out + "/report.json").keys { seen[id, default: 0] += 1 }
            parts.append(out + "/report.json")
        }
        let merged = try ToolgateBinary.run(["merge", "--out", dir.path("merged")] + parts.reversed(), timeout: 60)
        #expect(merged.status == 1, "\(merged.stderr)")

        let w = try Self.cells(dir.path("whole/report.json")), m = try Self.cells(dir.path("merged/report.json"))
        #expect(w.count == 60)
        #expect(w.values.filter { $0 == "fail" }.count == 8, "t7, t14, t21, t28 at -O0 and -O2")
        #expect(m == w)
        #expect(Set(seen.keys) == Set(w.keys))
        #expect(seen.values.allSatisfy { $0 == 1 }, "a cell ran in more than one shard")
    }
}
