import Foundation
import Testing

/// The baseline written by schema-1 toolgate (Tests/ComparisonTests/Golden/schema-1/report.json) through the
/// commands themselves: `compare` finds no change against itself, and `merge` of it split in two shards gives
/// a report that `compare` finds no change in either.
@Suite(.timeLimit(.minutes(2)), .blocking) struct SchemaOneBaselineCommandTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ComparisonTests/Golden/schema-1/report.json").path

    static func noChange(_ run: Run) {
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasSuffix("OK: no regression; 36 still failing, 24 unchanged\n"), "\(run.stdout)")
        #expect(!run.stderr.contains("warning"), "\(run.stderr)")
    }

    @Test func comparesWithItself() throws {
        Self.noChange(try ToolgateBinary.run(["compare", Self.golden, Self.golden]))
    }

    @Test func mergesFromTwoShardsAndComparesWithNoChange() throws {
        let dir = try TempDir()
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.golden))
        let whole = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cells = try #require(whole["cells"] as? [[String: Any]])
        var shards: [String] = []
        for k in 1...2 {
            var shard = whole
            // Whole fixtures to each shard: its build units stay together, as `run --shard` keeps them.
            shard["cells"] = cells.filter { (["exceptions-dso", "hello"].contains($0["fixture"] as? String)) == (k == 1) }
            var metadata = try #require(shard["metadata"] as? [String: Any])
            metadata["shard"] = ["index": k, "count": 2]
            shard["metadata"] = metadata
            let path = dir.path("shard\(k).json")
            try JSONSerialization.data(withJSONObject: shard).write(to: URL(fileURLWithPath: path))
            shards.append(path)
        }
        let merge = try ToolgateBinary.run(["merge", "--out", dir.path("merged"), shards[1], shards[0]])
        #expect(merge.status == 1, "merged, with the baseline's failing cells: \(merge.stderr)")
        #expect(merge.stderr.contains("merged 2 reports, 60 cells (complete)"), "\(merge.stderr)")
        let merged = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path("merged/report.json")))) as? [String: Any])
        let ids = { (report: [String: Any]) in (report["cells"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } }
        #expect(ids(merged) == ids(whole), "plan order again")
        Self.noChange(try ToolgateBinary.run(["compare", Self.golden, dir.path("merged/report.json")]))
        Self.noChange(try ToolgateBinary.run(["compare", dir.path("merged/report.json"), Self.golden]))
    }
}
