import Model

/// index.html: one self-contained page (inline CSS and script, nothing from the network). A grid of
/// fixtures × configurations coloured by status, regressions first when there is a baseline; every cell
/// opens to its commands, output, ELF facts and its changes from the baseline. Everything that came from
/// a program or a file is escaped (`HTMLText`).
package enum HTMLReport {
    /// Above this many cells the page is condensed (HTMLLargeRun): every non-passing cell in full,
    /// passing cells counted per fixture and configuration, each a link to its log.
    package static let fullPageLimit = 2_000

    package static func render(_ ctx: ReportContext) -> String {
        var out = ""
        write(ctx, to: &out)
        return out
    }

    /// Streams the page: a cell's full record is read back (ReportContext.full) only while its details
    /// are written.
    package static func write(_ ctx: ReportContext, to out: inout some TextOutputStream) {
        let r = ctx.report
        let e = HTMLText.escape
        var h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<title>toolgate: \(e(r.metadata.matrix.name))</title>\n<style>\n\(HTMLStyle.css)\n</style>\n</head>\n<body>\n"
        h += header(ctx)
        out.write(h)
        let order = HTMLGrid(ctx)
        out.write(wrongCode(r, order))
        if r.cells.count > fullPageLimit {
            HTMLLargeRun.write(ctx, order, to: &out)
        } else {
            out.write(order.render())
            if let c = ctx.comparison { out.write(regressions(c, order) + folded(c)) }
            out.write(flaky(r.cells, order))
            out.write("<h2>Cells</h2>\n")
            for cell in order.detailOrder { out.write(HTMLCellDetail.render(ctx.full(cell), ctx, anchor: order.anchor(cell.id))) }
            for missing in ctx.missingRegressions { out.write(HTMLCellDetail.missing(missing, anchor: order.anchor(missing.id))) }
        }
        out.write("<script>\n\(HTMLStyle.script)\n</script>\n</body>\n</html>\n")
    }

    private static func header(_ ctx: ReportContext) -> String {
        let r = ctx.report, m = r.metadata, e = HTMLText.escape
        let failing = r.cells.filter { $0.status.isFailure }.count
        let (verdict, fails) = ctx.comparison.map { (ComparisonText.verdict($0), $0.failsGate) }
            ?? (failing == 0 ? okVerdict(r.cells) : "FAIL: \(failing) failing cell\(failing == 1 ? "" : "s")", failing > 0)
        var h = "<header>\n<h1>toolgate: \(e(m.matrix.name))</h1>\n"
        h += "<p class=\"verdict \(fails ? "fail" : "ok")\">\(e(verdict))</p>\n"
        h += "<p class=\"meta\">\(r.cells.count) cells, started \(e(m.startedAt))\(m.finishedAt.map { ", finished \(e($0))" } ?? "")"
        h += r.complete ? "" : " — <strong>incomplete run</strong>"
        h += "<br>host \(e(ComparisonHeader.host(m))); matrix \(e(m.matrix.path)) (sha256 \(e(String(m.matrix.sha256.prefix(12)))))"
        if let f = m.filter { h += "; --filter \(e(f))" }
        h += "</p>\n"
        if let old = ctx.comparison?.old {
            h += "<p class=\"meta\">baseline: started \(e(old.startedAt)) on \(e(ComparisonHeader.host(old)))</p>\n"
        }
        for w in ctx.comparison?.warnings ?? [] { h += "<p class=\"meta\">warning: \(e(w))</p>\n" }
        h += "<p class=\"counts\">"
        for s in CellStatus.allCases where (r.summary[s.rawValue] ?? 0) > 0 {
            h += "<span class=\"s-\(s.rawValue)\">\(s.rawValue) \(r.summary[s.rawValue] ?? 0)</span>"
        }
        if let c = ctx.comparison, c.old != nil {
            let regressed = Set(c.regressions.map(\.cell)).count
            h += "<span class=\"\(regressed > 0 ? "s-fail reg" : "s-pass")\">regressed cells \(regressed)</span>"
            for cls in [CellClass.fixed, .flaky, .expected, .new, .missing] where !c.cells(cls).isEmpty {
                h += "<span class=\"s-unsupported\">\(cls.rawValue) \(c.cells(cls).count)</span>"
            }
        }
        h += "</p>\n"
        h += "<details><summary>toolchains</summary><pre>\(e(ComparisonHeader.toolchains(m).joined(separator: "\n")))</pre></details>\n"
        return h + "</header>\n"
    }

    /// Wrong-code seeds before the grid: the configurations that differ, linked to their cells.
    private static func wrongCode(_ r: Report, _ grid: HTMLGrid) -> String {
        let e = HTMLText.escape
        let seeds = WrongCodeSummary.seeds(r.cells)
        var h = ""
        if !seeds.isEmpty {
            h += "<h2>Wrong code (\(seeds.count) seed\(seeds.count == 1 ? "" : "s"))</h2>\n<table class=\"list\">\n"
            for s in seeds {
                let links = s.cells.map { "<a href=\"#\(grid.anchor($0.id))\">\(e($0.configuration))</a> (\(e($0.checksum ?? "no checksum")))" }
                h += "<tr class=\"wrong-code\"><td>\(e(s.fixture))</td><td>\(links.joined(separator: ", "))<br>\(e(s.reason))</td></tr>\n"
            }
            h += "</table>\n"
        }
        if let trouble = r.metadata.generatorTrouble, !trouble.isEmpty {
            h += "<p class=\"meta\">generator trouble (no cell completed): seeds \(e(trouble.map(String.init).joined(separator: ", ")))</p>\n"
        }
        return h
    }

    /// Without a baseline and without a failure; flaky cells are named, never folded into "passed".
    private static func okVerdict(_ cells: [CellRecord]) -> String {
        let flaky = cells.filter { $0.status == .flaky }.count
        return flaky > 0 ? "OK: no failing cell, \(flaky) flaky" : "OK: every cell passed or was not applicable"
    }

    /// Flaky cells (`run --repeat`) listed apart: they failed, then passed on a rerun; never shown as passes.
    static func flaky(_ cells: [CellRecord], _ grid: HTMLGrid) -> String {
        let list = cells.filter { $0.status == .flaky }
        guard !list.isEmpty else { return "" }
        let e = HTMLText.escape
        var h = "<h2>Flaky cells (\(list.count))</h2>\n<table class=\"changes\">\n"
        h += "<tr><th>cell</th><th>attempts</th></tr>\n"
        for cell in list {
            let lines = ([FlakyAttempts.headline(cell)] + FlakyAttempts.lines(cell)).map { e(SafeText.line($0)) }
            h += "<tr class=\"flaky\"><td><a href=\"#\(grid.anchor(cell.id))\">\(e(cell.id))</a></td><td>\(lines.joined(separator: "<br>"))</td></tr>\n"
        }
        return h + "</table>\n"
    }

    /// Information changes folded: one row per change with the cells it was seen in (a cell's own
    /// details list its changes too). Empty without information.
    static func folded(_ c: Comparison) -> String {
        let groups = c.foldedInformation
        guard !groups.isEmpty else { return "" }
        let e = HTMLText.escape
        let total = c.comparedCells
        var h = "<h2>Information (\(plural(c.information.count, "change")), \(plural(groups.count, "kind")))</h2>\n<table class=\"changes\">\n"
        h += "<tr><th>change: before → after (evidence)</th><th>cells</th></tr>\n"
        for g in groups {
            let values = g.before == nil && g.after == nil ? "" : "\(e(g.before ?? "(none)")) → \(e(g.after ?? "(none)")) "
            let cells = g.count == 1 ? e(g.cells[0]) : "<details><summary>\(e(g.whereSeen(of: total, naming: 0)))</summary>\(g.cells.map(e).joined(separator: "<br>"))</details>"
            h += "<tr class=\"info\"><td><b>\(e(g.field))</b>: \(values)<span class=\"ev\">(\(e(g.evidence)))</span></td><td>\(cells)</td></tr>\n"
        }
        return h + "</table>\n"
    }

    /// One row per regressed cell, its changes stacked: the grid shows where, this says what.
    static func regressions(_ c: Comparison, _ grid: HTMLGrid) -> String {
        let list = c.regressions
        guard !list.isEmpty else { return "" }
        let e = HTMLText.escape
        var cells: [String] = []
        var byCell: [String: [Change]] = [:]
        for ch in list {
            if byCell[ch.cell] == nil { cells.append(ch.cell) }
            byCell[ch.cell, default: []].append(ch)
        }
        var h = "<h2>Regressions (\(list.count) in \(cells.count) cell\(cells.count == 1 ? "" : "s"))</h2>\n<table class=\"changes\">\n"
        h += "<tr><th>cell</th><th>what got worse: before → after (evidence)</th></tr>\n"
        for cell in cells {
            let lines = (byCell[cell] ?? []).map { ch in
                "\(ch.kind == .elf ? "" : ch.kind.rawValue + " ")<b>\(e(ch.field))</b>: \(e(ch.before ?? "(none)")) → \(e(ch.after ?? "(none)")) <span class=\"ev\">(\(e(ch.evidence)))</span>"
            }
            h += "<tr class=\"reg\"><td><a href=\"#\(grid.anchor(cell))\">\(e(cell))</a></td><td>\(lines.joined(separator: "<br>"))</td></tr>\n"
        }
        return h + "</table>\n"
    }
}
