import Model

/// What the report files are written from: a run, and the comparison with its baseline when there is one.
package struct ReportContext: Sendable {
    package var report: Report
    /// With a baseline (`run --baseline`, `compare OLD NEW`), or a run's divergences alone (`compare REPORT`).
    package var comparison: Comparison?
    private var byID: [String: CellComparison]
    /// Set when `report` holds slim records (a streamed run): reads a cell's full record back from report.json.
    package var loader: CellLoader?

    package init(report: Report, comparison: Comparison? = nil) {
        self.report = report
        self.comparison = comparison
        var byID: [String: CellComparison] = [:]
        for c in comparison?.cells ?? [] { byID[c.id] = c }
        self.byID = byID
    }

    package func comparison(of id: String) -> CellComparison? { byID[id] }

    /// The cell with its commands, output and ELF facts: read back one at a time when the report is slim.
    package func full(_ cell: CellRecord) -> CellRecord { loader?.full(cell) ?? cell }

    /// Regressions of this cell (empty without a baseline).
    package func regressions(of id: String) -> [Change] {
        guard let c = byID[id], c.cellClass == .regression || c.cellClass == .missing else { return [] }
        return c.changes.regressions
    }

    /// Baseline cells absent from this run that count as regressions.
    package var missingRegressions: [CellComparison] {
        (comparison?.cells(.missing) ?? []).filter { !$0.changes.regressions.isEmpty }
    }

    /// `fixture` and `compiler/target/link/opt` from a cell id.
    package static func split(_ id: String) -> (fixture: String, configuration: String) {
        guard let slash = id.firstIndex(of: "/") else { return (id, "") }
        return (String(id[..<slash]), String(id[id.index(after: slash)...]))
    }

    /// A change as one line: `relro: 'full' -> 'partial' (protection weakened)`.
    package static func describe(_ ch: Change) -> String {
        "\(ch.field): \(ch.before.map { "'\($0)'" } ?? "(none)") -> \(ch.after.map { "'\($0)'" } ?? "(none)") (\(ch.evidence))"
    }
}
