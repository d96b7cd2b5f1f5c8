import Foundation
import Model

/// `run --keep-work`: which cells' binaries and objects stay under OUT/work once judged.
package enum KeepWork: String, Sendable, CaseIterable {
    /// Failing and flaky cells only (the default): a passing cell's directory goes once it is judged,
    /// and a build unit's objects once none of its cells is kept.
    case failed
    case all
    /// Nothing: every unit's directory goes once its cells are judged.
    case none

    /// Whether a judged cell's directory stays.
    package func keeps(_ r: CellRecord) -> Bool {
        switch self {
        case .all: true
        case .none: false
        case .failed: r.status.isFailure || r.status == .flaky
        }
    }
}

/// Removes what `--keep-work` does not keep of a finished build unit. The build cache holds the objects
/// and programs anyway, and `toolgate repro` recreates the directories and rebuilds (ReproScript).
package enum WorkPruning {
    package static func prune(_ unit: BuildUnit, _ records: [CellRecord], workDir: String, keep: KeepWork) {
        guard keep != .all else { return }
        let layout = UnitLayout(workDir: workDir, unit: unit)
        let fm = FileManager.default
        let kept = records.filter(keep.keeps)
        if kept.isEmpty {
            try? fm.removeItem(atPath: layout.unitDir)
            return
        }
        for cell in unit.cells {
            guard let r = records.first(where: { $0.id == cell.id }), !keep.keeps(r) else { continue }
            try? fm.removeItem(atPath: layout.cellDir(cell))
        }
    }
}
