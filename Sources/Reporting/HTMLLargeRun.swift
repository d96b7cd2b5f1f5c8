import Model

/// index.html of a run past `HTMLReport.fullPageLimit` cells: still one page a person can use, and a few
/// MB rather than tens. The grid draws only fixtures with a non-passing cell; every non-passing cell
/// (failing, regressed, flaky, expected, unsupported, skipped, missing) gets its details; passing cells are
/// counted per configuration and per fixture, each one a link to its log (logs/CELL.log), its full
/// record being in report.json.
enum HTMLLargeRun {
    /// A command's output shown per detail here (its tail; the whole is in the log).
    static let outputLimit = 2_000
    /// Past this many bytes of details, the remaining non-passing cells are listed one line each.
    static let detailBudget = 3_000_000

    static func write(_ ctx: ReportContext, _ grid: HTMLGrid, to out: inout some TextOutputStream) {
        let e = HTMLText.escape
        func detailed(_ c: CellRecord) -> Bool {
            c.status != .pass || !ctx.regressions(of: c.id).isEmpty || ctx.comparison(of: c.id)?.cellClass == .expected
        }
        var rows = Set<String>()
        for c in ctx.report.cells where detailed(c) { rows.insert(c.fixture) }
        for m in ctx.missingRegressions { rows.insert(ReportContext.split(m.id).fixture) }
        let passing = ctx.report.cells.count - ctx.report.cells.filter(detailed).count
        out.write("<p class=\"meta\">A large run (\(ctx.report.cells.count) cells): the grid shows the \(rows.count) fixture\(rows.count == 1 ? "" : "s") with a cell that did not pass; ")
        out.write("the \(passing) passing cells are counted below, each a link to its log; every cell's full record is in report.json.</p>\n")
        out.write(grid.render(rows: rows) { id in grid.record(id).map(detailed) ?? true })
        if let c = ctx.comparison { out.write(HTMLReport.regressions(c, grid) + HTMLReport.folded(c)) }
        out.write(HTMLReport.flaky(ctx.report.cells, grid))
        passes(ctx, grid, detailed, to: &out)

        out.write("<h2>Cells that did not pass</h2>\n")
        var written = 0
        var listed: [CellRecord] = []
        for cell in grid.detailOrder where detailed(cell) {
            guard written < detailBudget else { listed.append(cell); continue }
            let h = HTMLCellDetail.render(ctx.full(cell), ctx, anchor: grid.anchor(cell.id), outputLimit: outputLimit)
            written += h.utf8.count
            out.write(h)
        }
        for missing in ctx.missingRegressions { out.write(HTMLCellDetail.missing(missing, anchor: grid.anchor(missing.id))) }
        if !listed.isEmpty {
            out.write("<p class=\"meta\">\(listed.count) more cells that did not pass, one line each (the page keeps under its size budget); their details are in their logs and report.json:</p>\n")
            for c in listed {
                let log = c.log ?? ReportWriter.logPath(for: c.id)
                out.write("<details id=\"\(grid.anchor(c.id))\"><summary><span class=\"badge s-\(c.status.rawValue)\">\(c.status.rawValue)</span>\(e(c.id))")
                out.write((c.reason.map { " — " + e(SafeText.line($0)) } ?? "") + "</summary>\n")
                out.write("<p class=\"step\">log: <a href=\"\(e(log))\">\(e(log))</a></p>\n</details>\n")
            }
        }
    }

    /// Passed cells per configuration, then one line per fixture: a link per passing cell to its log.
    private static func passes(
        _ ctx: ReportContext, _ grid: HTMLGrid, _ detailed: (CellRecord) -> Bool, to out: inout some TextOutputStream
    ) {
        let e = HTMLText.escape
        var perConfiguration: [String: (passed: Int, cells: Int)] = [:]
        for c in ctx.report.cells {
            var n = perConfiguration[c.configuration] ?? (0, 0)
            n.cells += 1
            if !detailed(c) { n.passed += 1 }
            perConfiguration[c.configuration] = n
        }
        out.write("<h2>Passing cells</h2>\n<table class=\"changes\">\n<tr><th>configuration</th><th>passed</th><th>cells</th></tr>\n")
        for cfg in grid.configurationOrder {
            let n = perConfiguration[cfg] ?? (0, 0)
            out.write("<tr><td>\(e(cfg))</td><td>\(n.passed)</td><td>\(n.cells)</td></tr>\n")
        }
        out.write("</table>\n")
        out.write("<details><summary>passing cells per fixture (one link per cell to its log, in the configurations' order above)</summary>\n<table class=\"changes\">\n")
        for f in grid.fixtureOrder {
            var links = "", passed = 0
            for cfg in grid.configurationOrder {
                guard let c = grid.record("\(f)/\(cfg)") else { links += " "; continue }
                if detailed(c) {
                    links += "<a href=\"#\(grid.anchor(c.id))\" title=\"\(e(c.id)): \(c.status.rawValue)\">\(e(String(c.status.symbol)))</a>"
                } else {
                    passed += 1
                    links += "<a href=\"\(e(c.log ?? ReportWriter.logPath(for: c.id)))\" title=\"\(e(c.id))\">.</a>"
                }
            }
            guard passed > 0 else { continue }
            out.write("<tr><td>\(e(f))</td><td>\(passed)</td><td>\(links)</td></tr>\n")
        }
        out.write("</table>\n</details>\n")
    }
}
