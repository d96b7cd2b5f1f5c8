import Testing
@testable import Model

/// Merging synthetic shard reports: order, summary, completeness, and every refusal.
@Suite struct ReportMergeTests {
    static func plan() throws -> (Plan, PlanAxes) {
        let matrix = try MatrixDecoder.decode(
            """
            opt = ["-O0", "-O2"]
            [compilers.gcc]
            cc = "gcc"
            [targets.x86_64]
            [targets.aarch64]
            """, path: "m.toml")
        let fixtures = ["alpha", "beta", "gamma"].map { name in
            Fixture(
                name: name, path: "/f/\(name).c", isDirectory: false,
                sources: [FixtureSource(path: "/f/\(name).c", fileName: "\(name).c")], annotations: FixtureAnnotations())
        }
        return (Plan.make(matrix: matrix, fixtures: fixtures), PlanAxes(matrix: matrix, fixtures: fixtures))
    }

    static func metadata(shard: Shard?, axes: PlanAxes, sha: String = "abc", name: String = "m") -> RunMetadata {
        var m = RunMetadata(
            toolgateVersion: "0.1.0", startedAt: "2026-11-25T13:0\(shard?.index ?? 0):00Z", commandLine: ["toolgate", "run"],
            host: .init(hostname: "h", kernel: "k", machine: "x86_64", cores: 2),
            matrix: .init(name: name, path: "m.toml", sha256: sha), fixtures: "fixtures", jobs: 2,
            compilers: [.init(compiler: "gcc", target: "x86_64", role: "cc", command: "gcc", path: "/usr/bin/gcc", version: "gcc 14")])
        m.shard = shard
        m.axes = axes
        m.finishedAt = "2026-11-25T14:0\(shard?.index ?? 0):00Z"
        return m
    }

    /// Whole-run records with statuses that vary, and the same split by shard.
    static func shards(_ n: Int) throws -> (whole: Report, parts: [ReportMerge.Input]) {
        let (plan, axes) = try plan()
        let records = plan.cells.enumerated().map { i, cell in
            CellRecord(cell: cell, status: i % 5 == 0 ? .fail : .pass, reason: i % 5 == 0 ? "expected exit 0, got 1" : nil)
        }
        let whole = Report(complete: true, metadata: metadata(shard: nil, axes: axes), cells: records)
        let parts = (1...n).map { k in
            let shard = Shard(index: k, count: n)
            let ids = Set(plan.restricted(to: shard).cells.map(\.id))
            return ReportMerge.Input(
                file: "s\(k)/report.json",
                report: Report(complete: true, metadata: metadata(shard: shard, axes: axes), cells: records.filter { ids.contains($0.id) }))
        }
        return (whole, parts)
    }

    @Test(arguments: [1, 2, 3, 5]) func mergedEqualsWhole(_ n: Int) throws {
        let (whole, parts) = try Self.shards(n)
        // Given in any order, the result is in plan order.
        let merged = try ReportMerge.merge(parts.reversed())
        #expect(merged.cells == whole.cells)
        #expect(merged.summary == whole.summary)
        #expect(merged.complete)
        #expect(merged.metadata.shard == nil)
        #expect(merged.metadata.startedAt == "2026-11-25T13:01:00Z")
        #expect(merged.metadata.finishedAt == "2026-11-25T14:0\(n):00Z")
    }

    @Test func missingShardOrIncompleteInputIsIncomplete() throws {
        let (_, parts) = try Self.shards(3)
        let partial = try ReportMerge.merge(Array(parts.prefix(2)))
        #expect(!partial.complete)
        #expect(partial.metadata.finishedAt == nil)
        var interrupted = parts
        interrupted[1].report.complete = false
        #expect(!(try ReportMerge.merge(interrupted)).complete)
    }

    func refusal(_ parts: [ReportMerge.Input]) -> String? {
        do {
            _ = try ReportMerge.merge(parts)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func refusesDifferentMatrices() throws {
        var (_, parts) = try Self.shards(3)
        parts[2].report.metadata.matrix.sha256 = "def"
        #expect(refusal(parts) == "s3/report.json: error: not the same matrix as 's1/report.json': the matrix files differ (sha256)")
        parts[2].report.metadata.matrix.name = "other"
        #expect(refusal(parts) == "s3/report.json: error: not the same matrix as 's1/report.json': 'other' against 'm'")
    }

    @Test func refusesOverlappingShards() throws {
        let (_, parts) = try Self.shards(3)
        var again = parts[1]
        again.file = "copy/report.json"
        #expect(refusal(parts + [again]) == "copy/report.json: error: shard 2/3 is also 's2/report.json'")
    }

    @Test func refusesDuplicateCells() throws {
        var (_, parts) = try Self.shards(3)
        let stray = try #require(parts[0].report.cells.first)
        parts[2].report.cells.append(stray)
        #expect(refusal(parts) == "s3/report.json: error: cell '\(stray.id)' is also in 's1/report.json'")
    }

    @Test func refusesMixedShardCounts() throws {
        let (_, three) = try Self.shards(3)
        let (_, two) = try Self.shards(2)
        var other = two[1]
        other.file = "two/report.json"
        #expect(refusal([three[0], other]) == "two/report.json: error: shard of 2 parts, but 's1/report.json' is a shard of 3")
    }

    @Test func refusesDisagreeingToolsOrFilter() throws {
        var (_, parts) = try Self.shards(3)
        parts[1].report.metadata.compilers[0].version = "gcc 15"
        #expect(refusal(parts) == "s2/report.json: error: 'compilers' differs from 's1/report.json'")
        (_, parts) = try Self.shards(3)
        parts[2].report.metadata.filter = "gcc"
        #expect(refusal(parts) == "s3/report.json: error: 'filter' differs from 's1/report.json'")
        #expect(refusal([]) == "error: no reports to merge")
    }
}
