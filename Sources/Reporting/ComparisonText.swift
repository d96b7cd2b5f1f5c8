import Model

/// The terminal text of a comparison: header, regressions first with their evidence, the other classes,
/// then a one-line verdict. Program output is shown one line at a time with control characters as '?'.
package enum ComparisonText {
    package static func render(_ c: Comparison, color: Bool) -> String {
        let p = Paint(enabled: color)
        var out: [String] = []
        if let old = c.old { header(&out, "baseline", old) }
        header(&out, c.old == nil ? "report" : "new", c.new)
        for w in c.warnings { out.append(p.yellow("warning: ") + safe(w)) }
        out.append("")

        let regressions = c.regressions
        if !regressions.isEmpty {
            out.append(p.red("REGRESSIONS (\(regressions.count))"))
            // One regression seen in more than `foldAbove` cells is one line; the rest are listed per cell.
            let folded = c.foldedRegressions.filter { $0.count > foldAbove }
            let total = c.comparedCells
            for g in folded { out.append("  " + line(g, total: total)) }
            let foldedKeys = Set(folded.flatMap { g in g.cells.map { "\($0)\u{0}\(g.kind.rawValue)\u{0}\(g.field)" } })
            var lastCell = ""
            for ch in regressions where !foldedKeys.contains("\(ch.cell)\u{0}\(ch.kind.rawValue)\u{0}\(ch.field)") {
                if ch.cell != lastCell { out.append("  " + p.bold(safe(ch.cell))); lastCell = ch.cell }
                let what = ch.kind.rawValue == ch.field ? ch.field : "\(ch.kind.rawValue) \(safe(ch.field))"
                out.append("    \(what): \(value(ch.before)) -> \(value(ch.after))  (\(safe(ch.evidence)))")
            }
            out.append("")
        }
        section(&out, p.yellow("EXPECTED (known failures)"), c.cells(.expected)) { cell in
            let k = cell.knownFailure.map { "\($0.reason) [\($0.location), until \($0.expires)]" } ?? ""
            return "\(status(cell)): \(safe(k))"
        }
        section(&out, "MISSING, accounted for", c.cells(.missing).filter { $0.missingReason != nil }) { safe($0.missingReason ?? "") }
        section(&out, p.green("FIXED"), c.cells(.fixed)) { status($0) }
        section(&out, "STILL FAILING", c.cells(.stillFailing)) { status($0) }
        section(&out, p.yellow("FLAKY (failed, then passed on a rerun)"), c.cells(.flaky)) { status($0) }
        section(&out, "NEW", c.cells(.new)) { status($0) }
        if !c.divergences.isEmpty {
            out.append(p.yellow("DIVERGENCES (\(c.divergences.count))"))
            for d in c.divergences {
                out.append("  \(safe(d.fixture)) (\(d.scope)): \(d.groups.count) different outputs")
                for (i, g) in d.groups.enumerated() {
                    let cells = g.cells.prefix(4).joined(separator: ", ") + (g.cells.count > 4 ? ", and \(g.cells.count - 4) more" : "")
                    let what = i == 0 ? "reference" : (g.differsOnlyIn.map { "differs only in \($0): " } ?? "") + d.evidence(for: i)
                    out.append("    \(safe(cells)): \(safe(what))")
                }
            }
            out.append("")
        }
        let info = c.information
        if !info.isEmpty {
            // One change seen in many cells is one line, with its count (docs/compare.md, "Folding").
            let groups = c.foldedInformation
            let total = c.comparedCells
            out.append("INFORMATION (\(info.count))")
            for g in groups.prefix(50) {
                if g.count == 1, let ch = info.first(where: { $0.cell == g.cells[0] && $0.field == g.field && $0.evidence == g.evidence }) {
                    out.append("  \(safe(ch.cell)) \(safe(ch.field)): \(value(ch.before)) -> \(value(ch.after))  (\(safe(ch.evidence)))")
                } else {
                    out.append("  " + line(g, total: total))
                }
            }
            if groups.count > 50 { out.append("  ... and \(groups.count - 50) more (--format json lists them all)") }
            out.append("")
        }
        out.append(verdict(c, p))
        return out.joined(separator: "\n") + "\n"
    }

    /// A regression seen in more cells than this is folded into one line.
    package static let foldAbove = 3

    /// `comment: 'GCC 12.2.0' -> 'GCC 11.3.0'  (.comment strings changed) in all 60 cells`.
    private static func line(_ g: ChangeGroup, total: Int) -> String {
        let what = g.kind == .elf || g.kind.rawValue == g.field ? safe(g.field) : "\(g.kind.rawValue) \(safe(g.field))"
        let values = g.before == nil && g.after == nil ? "" : " \(value(g.before)) -> \(value(g.after)) "
        return "\(what):\(values) (\(safe(g.evidence))) \(safe(g.whereSeen(of: total)))"
    }

    /// `FAIL: 2 regressions in 1 cell; 1 missing, 3 unchanged` or `OK: no regression; 4 unchanged` (zero counts left out).
    package static func verdict(_ c: Comparison, _ p: Paint = Paint(enabled: false)) -> String {
        let counts = c.summary.filter { $0.key != "regressions" && $0.key != "regressed_cells" && $0.count > 0 }
            .map { "\($0.count) \($0.key.replacingUnderscores)" }.joined(separator: ", ")
        let n = c.regressions.count
        if n > 0 {
            let cells = Set(c.regressions.map(\.cell)).count
            return p.red("FAIL") + ": \(n) regression\(n == 1 ? "" : "s") in \(cells) cell\(cells == 1 ? "" : "s"); \(counts)"
        }
        if c.failsGate { return p.red("FAIL") + ": \(c.divergences.count) divergent fixture(s); \(counts)" }
        return p.green("OK") + ": no regression; \(counts)"
    }

    private static func header(_ out: inout [String], _ label: String, _ m: RunMetadata) {
        out.append("\(label): matrix '\(safe(m.matrix.name))' (sha256 \(m.matrix.sha256.prefix(12))), started \(m.startedAt)"
            + (m.filter.map { ", --filter '\(safe($0))'" } ?? ""))
        out.append("  host: \(safe(ComparisonHeader.host(m)))")
        for t in ComparisonHeader.toolchains(m) { out.append("  \(safe(t))") }
    }

    private static func section(_ out: inout [String], _ title: String, _ cells: [CellComparison], _ detail: (CellComparison) -> String) {
        guard !cells.isEmpty else { return }
        out.append("\(title) (\(cells.count))")
        for cell in cells { out.append("  \(safe(cell.id)): \(detail(cell))") }
        out.append("")
    }

    private static func status(_ c: CellComparison) -> String {
        "\(c.oldStatus?.rawValue ?? "absent") -> \(c.newStatus?.rawValue ?? "absent")"
    }

    private static func value(_ s: String?) -> String { s.map { "'\(safe($0))'" } ?? "(none)" }

    private static func safe(_ s: String) -> String { Progress.oneLine(s) }
}

/// ANSI colours, or nothing.
package struct Paint: Sendable {
    package var enabled: Bool
    package init(enabled: Bool) { self.enabled = enabled }
    func red(_ s: String) -> String { wrap(s, "31;1") }
    func green(_ s: String) -> String { wrap(s, "32;1") }
    func yellow(_ s: String) -> String { wrap(s, "33") }
    func bold(_ s: String) -> String { wrap(s, "1") }
    private func wrap(_ s: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
}

extension String {
    fileprivate var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}
