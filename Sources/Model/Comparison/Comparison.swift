/// A new run held against a baseline (or, without one, against itself: divergences only).
package struct Comparison: Sendable, Equatable {
    /// The baseline's metadata; nil when one report is compared with itself.
    package var old: RunMetadata?
    package var new: RunMetadata
    /// Every cell id of both runs: the new run's order, then the baseline's missing cells.
    package var cells: [CellComparison]
    package var divergences: [Divergence]
    /// Things that do not stop the comparison but weaken it: a different matrix file, an incomplete run.
    package var warnings: [String]

    package init(old: RunMetadata?, new: RunMetadata, cells: [CellComparison], divergences: [Divergence], warnings: [String]) {
        self.old = old
        self.new = new
        self.cells = cells
        self.divergences = divergences
        self.warnings = warnings
    }

    /// Every change that makes the new run worse: regressed cells and missing cells nothing explains.
    /// Cells a known-failures entry covers are not here.
    package var regressions: [Change] {
        cells.filter { $0.cellClass == .regression || $0.cellClass == .missing }.flatMap(\.changes.regressions)
    }

    package func cells(_ cellClass: CellClass) -> [CellComparison] { cells.filter { $0.cellClass == cellClass } }

    /// Information-only changes of cells that did not regress (a regressed cell lists its own too).
    package var information: [Change] { cells.flatMap(\.changes.information) }

    /// Exit status 1 when true. Without a baseline, a divergence is the only signal there is, so it counts.
    package var failsGate: Bool { !regressions.isEmpty || (old == nil && !divergences.isEmpty) }

    /// Counts in a fixed order, for the JSON summary and the verdict line.
    package var summary: [(key: String, count: Int)] {
        var out: [(String, Int)] = [("regressions", regressions.count)]
        for c in CellClass.allCases where c != .regression {
            out.append((c.rawValue, cells(c).count))
        }
        out.insert(("regressed_cells", cells(.regression).count), at: 1)
        out.append(("divergences", divergences.count))
        out.append(("information", information.count))
        return out
    }
}

/// Why the reports cannot be compared at all.
package enum ComparisonError: Error, Sendable, Equatable, CustomStringConvertible {
    case differentMatrices(old: String, new: String)
    case schemaVersion(file: String, version: Int)

    package var description: String {
        switch self {
        case .differentMatrices(let old, let new):
            "error: the reports come from different matrices ('\(old)' and '\(new)'); compare runs of one matrix"
        case .schemaVersion(let file, let version):
            "\(file): error: report schema_version \(version); this toolgate reads version \(Report.schemaVersion)"
        }
    }
}
