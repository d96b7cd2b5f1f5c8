import Model

/// summary.md: compact Markdown for a CI job summary or a pull-request comment: the verdict, counts,
/// regressions as a table (cell, kind, field, before → after), then fixed cells, divergences, expected
/// failures and, without a baseline, the failing cells; flaky cells (`run --repeat`) in a section of their own. Everything from the run is escaped for tables.
package enum MarkdownSummary {
    /// Rows per table before "and N more".
    package static let rowLimit = 50

    package static func render(_ ctx: ReportContext) -> String {
        let r = ctx.report
        var out: [String] = []
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
        return out.joined(separator: "\n") + "\n"
    }

    private static func verdict(_ ctx: ReportContext) -> String {
        if let c = ctx.comparison { return "**" + MarkdownText.cell(ComparisonText.verdict(c), limit: 400) + "**" }
        let failures = ctx.report.cells.filter { $0.status.isFailure }.count
        let flaky = ctx.report.cells.filter { $0.status == .flaky }.count
        if failures == 0, flaky > 0 { return "**OK**: no failing cell, \(flaky) flaky" }
        return failures == 0 ? "**OK**: every cell passed or was not applicable" : "**FAIL**: \(failures) failing cell\(failures == 1 ? "" : "s")"
    }

    private static func comparisonSections(_ out: inout [String], _ c: Comparison) {
        for w in c.warnings { out.append("> warning: \(MarkdownText.cell(w, limit: 400))") }
        if !c.warnings.isEmpty { out.append("") }
        let regressions = c.regressions
        if !regressions.isEmpty {
            out.append("### Regressions (\(regressions.count))")
            out.append("")
            table(&out, ["Cell", "Kind", "Field", "Before → After", "Evidence"], regressions) { ch in
                [ch.cell, ch.kind.rawValue, ch.field].map { MarkdownText.cell($0) }
                    + ["\(value(ch.before)) → \(value(ch.after))", MarkdownText.cell(ch.evidence)]
            }
        }
        list(&out, "Fixed", c.cells(.fixed)) { "\($0.oldStatus?.rawValue ?? "absent") → \($0.newStatus?.rawValue ?? "absent")" }
        if !c.divergences.isEmpty {
            out.append("### Divergences (\(c.divergences.count))")
            out.append("")
            table(&out, ["Fixture", "Scope", "Outputs", "First difference"], c.divergences) { d in
                [MarkdownText.cell(d.fixture), MarkdownText.cell(d.scope), String(d.groups.count), MarkdownText.cell(d.evidence(for: 1))]
            }
        }
        list(&out, "Expected failures", c.cells(.expected)) { cell in
            let k = cell.knownFailure.map { "\($0.reason) (\($0.location), until \($0.expires))" } ?? ""
            return "\(cell.newStatus?.rawValue ?? "absent"): \(MarkdownText.cell(k))"
        }
        list(&out, "Missing, accounted for", c.cells(.missing).filter { $0.missingReason != nil }) { MarkdownText.cell($0.missingReason ?? "") }
        list(&out, "Still failing", c.cells(.stillFailing)) { $0.newStatus?.rawValue ?? "" }
        list(&out, "New", c.cells(.new)) { $0.newStatus?.rawValue ?? "" }
    }

    private static func failing(_ out: inout [String], _ cells: [CellRecord]) {
        let failing = cells.filter { $0.status.isFailure }
        guard !failing.isEmpty else { return }
        out.append("### Failing cells (\(failing.count))")
        out.append("")
        table(&out, ["Cell", "Status", "Reason"], failing) { c in
            [MarkdownText.cell(c.id), c.status.rawValue, MarkdownText.cell(c.reason ?? "")]
        }
    }

    /// Generated programs whose checksum differs, first of all: each seed with the configurations that differ.
    private static func wrongCode(_ out: inout [String], _ r: Report) {
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
    private static func flaky(_ out: inout [String], _ cells: [CellRecord]) {
        let flaky = cells.filter { $0.status == .flaky }
        guard !flaky.isEmpty else { return }
        out.append("### Flaky cells (\(flaky.count))")
        out.append("")
        table(&out, ["Cell", "Attempts", "First failure"], flaky) { c in
            [MarkdownText.cell(c.id), MarkdownText.cell(FlakyAttempts.headline(c)),
             MarkdownText.cell(c.attempts?.first?.reason ?? c.reason ?? "")]
        }
    }

    private static func table<T>(_ out: inout [String], _ header: [String], _ rows: [T], _ cells: (T) -> [String]) {
        out.append("| " + header.joined(separator: " | ") + " |")
        out.append("|" + header.map { _ in " --- |" }.joined())
        for row in rows.prefix(rowLimit) { out.append("| " + cells(row).joined(separator: " | ") + " |") }
        if rows.count > rowLimit { out.append("") ; out.append("… and \(rows.count - rowLimit) more (see junit.xml or index.html)") }
        out.append("")
    }

    private static func list(_ out: inout [String], _ title: String, _ cells: [CellComparison], _ detail: (CellComparison) -> String) {
        guard !cells.isEmpty else { return }
        out.append("### \(title) (\(cells.count))")
        out.append("")
        for cell in cells.prefix(rowLimit) { out.append("- \(MarkdownText.cell(cell.id)): \(detail(cell))") }
        if cells.count > rowLimit { out.append("- … and \(cells.count - rowLimit) more") }
        out.append("")
    }

    private static func value(_ s: String?) -> String { s.map { MarkdownText.cell($0, limit: 80) } ?? "(none)" }
}
