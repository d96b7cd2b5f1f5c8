/// Joins the reports of the shards of one run into the report a whole run would have written.
///
/// The inputs must be of the same matrix (name and sha256), plan (filter, axes, fixtures) and tools (compilers
/// and runners), and shards of one N without overlap (a report without a shard counts as 1/1). The result has
/// the cells in plan order, the summary recomputed, `complete` only when every input is complete and the shards
/// are 1…N, the first shard's metadata with the earliest start, the latest finish and every workaround.
package enum ReportMerge {
    package struct Input: Sendable {
        package var file: String
        package var report: Report
        package init(file: String, report: Report) {
            self.file = file
            self.report = report
        }
        var shard: Shard { report.metadata.shard ?? Shard(index: 1, count: 1) }
    }

    package static func merge(_ inputs: [Input]) throws(MergeError) -> Report {
        guard let first = inputs.first else { throw .noInputs }
        try checkSameRun(inputs, first: first)
        var byShard: [Int: Input] = [:]
        for input in inputs {
            if let other = byShard[input.shard.index] {
                throw .overlappingShards(file: input.file, other: other.file, shard: input.shard)
            }
            byShard[input.shard.index] = input
        }
        var owner: [String: String] = [:]
        for input in inputs {
            for cell in input.report.cells {
                if let other = owner[cell.id] { throw .duplicateCell(id: cell.id, file: input.file, other: other) }
                owner[cell.id] = input.file
            }
        }
        let ordered = inputs.sorted { $0.shard.index < $1.shard.index }
        let cells = ordered.flatMap(\.report.cells)
        let axes = first.report.metadata.axes ?? fallbackAxes(ordered.map(\.report))
        // Keys computed once per cell: a sort compares O(n log n) times.
        let positions = PlanAxes.Positions(axes)
        let sorted = cells.enumerated().map { (key: positions.of($0.element), offset: $0.offset, cell: $0.element) }
            .sorted { a, b in a.key != b.key ? a.key.lexicographicallyPrecedes(b.key) : a.offset < b.offset }
            .map(\.cell)
        let count = first.shard.count
        // Distinct indices within 1…N: all N are there when there are N of them. (Set(1...count) trapped on a
        // count below 1 and could not be built for a count of Int.max.)
        let complete = inputs.allSatisfy(\.report.complete) && byShard.count == count
            && byShard.keys.allSatisfy { $0 >= 1 && $0 <= count }
        // Generated programs: each shard judged its part of a seed's cells; the whole is judged again.
        return WrongCodeVerdicts.rejudge(
            Report(complete: complete, metadata: mergedMetadata(ordered.map(\.report.metadata), complete: complete), cells: sorted))
    }

    private static func checkSameRun(_ inputs: [Input], first: Input) throws(MergeError) {
        let m = first.report.metadata
        for input in inputs.dropFirst() {
            let o = input.report.metadata
            if o.matrix.name != m.matrix.name {
                throw .differentMatrices(file: input.file, other: first.file, detail: "'\(o.matrix.name)' against '\(m.matrix.name)'")
            }
            if o.matrix.sha256 != m.matrix.sha256 {
                throw .differentMatrices(file: input.file, other: first.file, detail: "the matrix files differ (sha256)")
            }
            if input.shard.count != first.shard.count {
                throw .mixedShardCounts(file: input.file, other: first.file, counts: (input.shard.count, first.shard.count))
            }
            let fields: [(String, Bool)] = [
                ("compilers", o.compilers == m.compilers), ("runners", o.runners == m.runners), ("filter", o.filter == m.filter),
                ("fixtures", o.fixtures == m.fixtures), ("axes", o.axes == m.axes), ("schema_version", input.report.schemaVersion == first.report.schemaVersion),
            ]
            if let differing = fields.first(where: { !$0.1 }) {
                throw .disagreeingMetadata(file: input.file, other: first.file, field: differing.0)
            }
        }
    }

    private static func mergedMetadata(_ all: [RunMetadata], complete: Bool) -> RunMetadata {
        var merged = all[0]
        merged.shard = nil
        merged.startedAt = all.map(\.startedAt).min() ?? merged.startedAt
        let finishes = all.compactMap(\.finishedAt)
        merged.finishedAt = complete && finishes.count == all.count ? finishes.max() : nil
        var workarounds: [String] = []
        for w in all.flatMap(\.workarounds) where !workarounds.contains(w) { workarounds.append(w) }
        merged.workarounds = workarounds
        return merged
    }

    /// For reports written before `axes` existed: each axis in order of first appearance over the shards.
    private static func fallbackAxes(_ reports: [Report]) -> PlanAxes {
        func unique(_ values: [String]) -> [String] {
            var seen = Set<String>()
            return values.filter { seen.insert($0).inserted }
        }
        let cells = reports.flatMap(\.cells)
        return PlanAxes(
            fixtures: unique(cells.map(\.fixture)), compilers: unique(cells.map(\.compiler)), targets: unique(cells.map(\.target)),
            opts: unique(cells.map(\.opt)), links: unique(cells.map(\.link)))
    }
}
