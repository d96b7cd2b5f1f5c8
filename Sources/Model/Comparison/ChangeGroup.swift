/// One change seen in many cells, as one line: `comment: 'GCC 12.2.0' -> 'GCC 11.3.0' in all 60 cells`.
///
/// Cells fold when their change is the same: kind, field, before, after and evidence. Two fields differ
/// in every cell by nature and fold by what happened instead: `build_id` (a new value whenever anything
/// changed: before and after are left out) and `sizes.file` (grew or shrank, with the range of percents).
package struct ChangeGroup: Sendable, Equatable {
    package var kind: Change.Kind
    package var field: String
    /// nil where the cells' values differ (build_id, sizes.file).
    package var before: String?
    package var after: String?
    package var evidence: String
    /// Every cell with this change, in the comparison's order.
    package var cells: [String]

    package var count: Int { cells.count }

    /// Groups `changes` in the order each group is first seen.
    package static func fold(_ changes: [Change]) -> [ChangeGroup] {
        var order: [String] = []
        var groups: [String: ChangeGroup] = [:]
        var percents: [String: [Double]] = [:]
        for ch in changes {
            let key: String
            var group: ChangeGroup
            switch ch.field {
            case "build_id" where ch.before != nil && ch.after != nil:
                key = "\(ch.kind.rawValue)\u{0}build_id\u{0}\(ch.evidence)"
                group = ChangeGroup(kind: ch.kind, field: ch.field, before: nil, after: nil, evidence: ch.evidence, cells: [])
            case "sizes.file" where ch.kind == .elf:
                let grew = ch.evidence.hasPrefix("file grew")
                key = "\(ch.kind.rawValue)\u{0}sizes.file\u{0}\(grew)\u{0}\(ch.evidence.contains("threshold"))"
                group = ChangeGroup(kind: ch.kind, field: ch.field, before: nil, after: nil, evidence: ch.evidence, cells: [])
                if let b = ch.before.flatMap(Double.init), let a = ch.after.flatMap(Double.init), b > 0 {
                    percents[key, default: []].append((a - b) * 100 / b)
                }
            default:
                key = [ch.kind.rawValue, ch.field, ch.before ?? "\u{1}", ch.after ?? "\u{1}", ch.evidence].joined(separator: "\u{0}")
                group = ChangeGroup(kind: ch.kind, field: ch.field, before: ch.before, after: ch.after, evidence: ch.evidence, cells: [])
            }
            if groups[key] == nil {
                order.append(key)
                // Alone, it keeps its own values; they are dropped only when a second cell joins.
                group.before = ch.before
                group.after = ch.after
                groups[key] = group
            } else if ch.field == "build_id" || ch.field == "sizes.file" {
                groups[key]?.before = nil
                groups[key]?.after = nil
            }
            groups[key]?.cells.append(ch.cell)
        }
        return order.compactMap { key in
            guard var g = groups[key] else { return nil }
            if g.field == "sizes.file", let p = percents[key], let lo = p.map(abs).min(), let hi = p.map(abs).max(), g.count > 1 {
                let verb = g.evidence.hasPrefix("file grew") ? "grew" : "shrank"
                let range = lo == hi ? "\(shown(lo)) %" : "\(shown(lo)) to \(shown(hi)) %"
                let threshold = g.evidence.lastIndex(of: "(").map { " " + g.evidence[$0...] } ?? ""
                g.evidence = "file \(verb) \(range)" + threshold
            }
            return g
        }
    }

    private static func shown(_ p: Double) -> String { "\((p * 10).rounded() / 10)" }

    /// `in all 60 cells`, `in 3 cells: a, b, c`, `in 12 cells: a, b, c, d and 8 more`; `in a/b/c/d/e` for one.
    package func whereSeen(of total: Int, naming limit: Int = 4) -> String {
        if count == 1 { return "in \(cells[0])" }
        if count == total { return "in all \(count) cells" }
        guard limit > 0 else { return "in \(count) cells" }
        let named = cells.prefix(limit).joined(separator: ", ")
        return "in \(count) cells: \(named)" + (count > limit ? " and \(count - limit) more" : "")
    }
}

extension Comparison {
    /// Cells held against a baseline cell (neither new nor missing): the "all" of `in all N cells`.
    package var comparedCells: Int { cells.filter { $0.oldStatus != nil && $0.newStatus != nil }.count }

    package var foldedInformation: [ChangeGroup] { ChangeGroup.fold(information) }
    package var foldedRegressions: [ChangeGroup] { ChangeGroup.fold(regressions) }
}
