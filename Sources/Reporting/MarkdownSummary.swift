import Model

/// summary.md: compact Markdown for a CI job summary or a pull-request comment: the verdict, counts,
/// regressions as a table (cell, kind, field, before → after), then fixed cells, divergences, expected
/// failures and, without a baseline, the failing cells; flaky cells (`run --repeat`) in a section of their own. Everything from the run is escaped for tables.
package enum MarkdownSummary {
    /// Rows per table before "and N more".
    package static let rowLimit = 50

    package static func render(_ ctx: ReportContext) -> String {
        let r = ctx.report
        var out = SummaryLines()
        out.append("## toolgate: \(MarkdownText.cell(r.metadata.matrix.name)) — \(verdict(ctx))")
        out.append("")
        out.append("\(r.cells.count) cells on \(MarkdownText.cell(ComparisonHeader.host(r.metadata))), started \(MarkdownText.cell(r.metadata.startedAt))"
            + (r.complete ? "" : " (**incomplete run**)"))
        out.append("")
        let statuses = CellStatus.allCases.filter { (r.summary[$0.rawValue] ?? 0) > 0 }
        if !statuses.isEmpty {
            out.append("| " + statuses.map(\.rawValue).joined(separator: " | ") + " |")
            out.append("|" + statuses.map { _ in " ---: |" }.joined())
            out.append("| " + statuses.map { String(r.summary[$0.rawValue] ?? 0) }.joined(separator: " | ") + " |")
            out.append("")
        }
        wrongCode(&out, r)
        if let c = ctx.comparison {
            comparisonSections(&out, c)
        } else {
            failing(&out, r.cells)
        }
        flaky(&out, r.cells)
        return capped(out)
    }

    /// GitHub refuses a job summary over 1 MiB: the file stays under this many bytes whatever the run.
    package static let byteLimit = 1_000_000

    /// The text, cut at a line once past `byteLimit` (the failures come first, so they are what stays),
    /// with the final note naming how many cells no table showed.
    static func capped(_ out: SummaryLines) -> String {
        var hidden = out.hidden
        var text = ""
        var cut = false
        for (i, line) in out.lines.enumerated() {
            // Room is left for the note.
            guard text.utf8.count + line.utf8.count + 1 <= byteLimit - 400 else {
                hidden += out.rowsFrom(i)
                cut = true
                break
            }
            text += line + "\n"
        }
        if cut { text += "\n… the summary stops here: GitHub's job summary holds at most 1 MiB.\n" }
        if hidden > 0 { text += "\n**\(hidden) more cells not shown; see report.json** (or junit.xml, index.html).\n" }
        return text
    }

    private static func verdict(_ ctx: ReportContext) -> String {
        if let c = ctx.comparison { return "**" + MarkdownText.cell(ComparisonText.verdict(c), limit: 400) + "**" }
        let failures = ctx.report.cells.filter { $0.status.isFailure }.count
        let flaky = ctx.report.cells.filter { $0.status == .flaky }.count
        if failures == 0, flaky > 0 { return "**OK**: no failing cell, \(flaky) flaky" }
        return failures == 0 ? "**OK**: every cell passed or was not applicable" : "**FAIL**: \(failures) failing cell\(failures == 1 ? "" : "s")"
    }

    private static func comparisonSections(_ out: inout SummaryLines, _ c: Comparison) {
        for w in c.warnings { out.append("> warning: \(MarkdownText.cell(w, limit: 400))") }
        if !c.warnings.isEmpty { out.append("") }
        let regressions = c.regressions
        if !regressions.isEmpty {
            out.append("### Regressions (\(regressions.count))")
            out.append("")
            // A regression seen in many cells is one row naming how many (ComparisonText.foldAbove).
            let total = c.comparedCells
            let folded = c.foldedRegressions.filter { $0.count > ComparisonText.foldAbove }
            let foldedKeys = Set(folded.flatMap { g in g.cells.map { "\($0)\u{0}\(g.kind.rawValue)\u{0}\(g.field)" } })
            let rows = folded.map { g in
                (cell: g.whereSeen(of: total), kind: g.kind, field: g.field, before: g.before, after: g.after, evidence: g.evidence)
            } + regressions.filter { !foldedKeys.contains("\($0.cell)\u{0}\($0.kind.rawValue)\u{0}\($0.field)") }.map {
                (cell: $0.cell, kind: $0.kind, field: $0.field, before: $0.before, after: $0.after, evidence: $0.evidence)
            }
            table(&out, ["Cell", "Kind", "Field", "Before → After", "Evidence"], rows) { ch in
                [ch.cell, ch.kind.rawValue, ch.field].map { MarkdownText.cell($0) }
                    + ["\(value(ch.before)) → \(value(ch.after))", MarkdownText.cell(ch.evidence)]
            }
        }
        list(&out, "Fixed", c.cells(.fixed)) { "\($0.oldStatus?.rawValue ?? "absent") → \($0.newStatus?.rawValue ?? "absent")" }
        if !c.divergences.isEmpty {
            out.append("### Divergences (\(c.divergences.count))")
            out.append("")
            table(&out, ["Fixture", "Scope", "Outputs", "First difference"], c.divergences) { d in
                [MarkdownText.cell(d.fixture), MarkdownText.cell(d.scope), String(d.groups.count), MarkdownText.cell((d.groups.count > 1 ? d.groups[1].differsOnlyIn.map { "differs only in \($0): " } ?? "" : "") + d.evidence(for: 1))]
            }
        }
        list(&out, "Expected failures", c.cells(.expected)) { cell in
            let k = cell.knownFailure.map { "\($0.reason) (\($0.location), until \($0.expires))" } ?? ""
            return "\(cell.newStatus?.rawValue ?? "absent"): \(MarkdownText.cell(k))"
        }
        list(&out, "Missing, accounted for", c.cells(.missing).filter { $0.missingReason != nil }) { MarkdownText.cell($0.missingReason ?? "") }
        list(&out, "Still failing", c.cells(.stillFailing)) { $0.newStatus?.rawValue ?? "" }
        list(&out, "New", c.cells(.new)) { $0.newStatus?.rawValue ?? "" }
        let info = c.foldedInformation
        if !info.isEmpty {
            out.append("### Information (\(plural(c.information.count, "change")), \(plural(info.count, "kind")))")
            out.append("")
            let total = c.comparedCells
            table(&out, ["Field", "Before → After", "Evidence", "Cells"], info) { g in
                [MarkdownText.cell(g.field), g.before == nil && g.after == nil ? "" : "\(value(g.before)) → \(value(g.after))",
                 MarkdownText.cell(g.evidence), MarkdownText.cell(g.count == 1 ? g.cells[0] : g.whereSeen(of: total))]
            }
        }
    }

    private static func failing(_ out: inout SummaryLines, _ cells: [CellRecord]) {
        let failing = cells.filter { $0.status.isFailure }
        guard !failing.isEmpty else { return }
        out.append("### Failing cells (\(failing.count))")
        out.append("")
        table(&out, ["Cell", "Status", "Reason"], failing) { c in
            [MarkdownText.cell(c.id), c.status.rawValue, MarkdownText.cell(c.reason ?? "")]
        }
    }

    /// Generated programs whose checksum differs, first of all: each seed with the configurations that differ.
    private static func wrongCode(_ out: inout SummaryLines, _ r: Report) {
        let seeds = WrongCodeSummary.seeds(r.cells)
        if !seeds.isEmpty {
            out.append("### Wrong code (\(seeds.count) seed\(seeds.count == 1 ? "" : "s"))")
            out.append("")
            table(&out, ["Seed", "Configurations that differ", "Evidence"], seeds) { s in
                [MarkdownText.cell(s.fixture), MarkdownText.cell(WrongCodeSummary.configurations(s)), MarkdownText.cell(s.reason)]
            }
        }
        if let trouble = r.metadata.generatorTrouble, !trouble.isEmpty {
            out.append("Generator trouble (no cell completed): seeds " + trouble.map(String.init).joined(separator: ", "))
            out.append("")
        }
    }

    /// Flaky cells get their own section, with or without a baseline: never counted as passes.
    private static func flaky(_ out: inout SummaryLines, _ cells: [CellRecord]) {
        let flaky = cells.filter { $0.status == .flaky }
        guard !flaky.isEmpty else { return }
        out.append("### Flaky cells (\(flaky.count))")
        out.append("")
        table(&out, ["Cell", "Attempts", "First failure"], flaky) { c in
            [MarkdownText.cell(c.id), MarkdownText.cell(FlakyAttempts.headline(c)),
             MarkdownText.cell(c.attempts?.first?.reason ?? c.reason ?? "")]
        }
    }

    private static func table<T>(_ out: inout SummaryLines, _ header: [String], _ rows: [T], _ cells: (T) -> [String]) {
        out.append("| " + header.joined(separator: " | ") + " |")
        out.append("|" + header.map { _ in " --- |" }.joined())
        for row in rows.prefix(rowLimit) { out.append("| " + cells(row).joined(separator: " | ") + " |", row: true) }
        if rows.count > rowLimit {
            out.append("") ; out.append("… and \(rows.count - rowLimit) more (see junit.xml or index.html)")
            out.hidden += rows.count - rowLimit
        }
        out.append("")
    }

    private static func list(_ out: inout SummaryLines, _ title: String, _ cells: [CellComparison], _ detail: (CellComparison) -> String) {
        guard !cells.isEmpty else { return }
        out.append("### \(title) (\(cells.count))")
        out.append("")
        for cell in cells.prefix(rowLimit) { out.append("- \(MarkdownText.cell(cell.id)): \(detail(cell))", row: true) }
        if cells.count > rowLimit {
            out.append("- … and \(cells.count - rowLimit) more")
            out.hidden += cells.count - rowLimit
        }
        out.append("")
    }

    private static func value(_ s: String?) -> String { s.map { MarkdownText.cell($0, limit: 80) } ?? "(none)" }
}

/// summary.md's lines as they are built, and how many rows the tables left out.
struct SummaryLines {
    var lines: [String] = []
    /// Which lines are rows naming a cell (what a cut at the byte limit hides).
    private var rowLines: [Bool] = []
    var hidden = 0

    mutating func append(_ line: String, row: Bool = false) {
        lines.append(line)
        rowLines.append(row)
    }

    /// Rows from line `i` on.
    func rowsFrom(_ i: Int) -> Int { rowLines[i...].filter { $0 }.count }
}
