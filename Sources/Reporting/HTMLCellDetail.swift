import ELFFacts
import Model

/// One cell of index.html opened: status and reason, its changes from the baseline, every command
/// (argv quoted, as a shell would take it) with its output, and the key ELF facts.
enum HTMLCellDetail {
    /// The most of one output a command shows (its tail); the whole output is in the cell's log.
    static let outputLimit = 8_000

    static func render(_ c: CellRecord, _ ctx: ReportContext, anchor: String, outputLimit: Int = outputLimit) -> String {
        let e = HTMLText.escape
        let comparison = ctx.comparison(of: c.id)
        let regressed = !ctx.regressions(of: c.id).isEmpty
        let expected = comparison?.cellClass == .expected
        var h = "<details id=\"\(anchor)\"\(regressed ? " class=\"reg\"" : "")><summary>"
        h += "<span class=\"badge s-\(expected ? "expected" : c.status.rawValue)\">\(c.status.rawValue)\(expected ? ", expected" : "")</span>"
        h += e(c.id)
        if regressed { h += " — <strong>regression</strong>" }
        if let reason = c.reason { h += " — " + e(SafeText.line(reason)) }
        h += "</summary>\n"
        if let comparison { h += changes(comparison) }
        if let known = comparison?.knownFailure {
            h += "<p>known failure: \(e(known.reason)) (\(e(known.location)), until \(e(known.expires)))</p>\n"
        }
        if let reason = c.reason { h += "<p><strong>\(c.status.rawValue)</strong>: \(e(reason))</p>\n" }
        for v in c.violations { h += "<p>violation <code>\(e(v.check))</code>: \(e(v.message))</p>\n" }
        for p in c.resolution ?? [] { h += "<p>resolution <code>\(e(p.kind.rawValue))</code>: \(e(p.message))</p>\n" }
        for n in c.notes { h += "<p>note: \(e(n))</p>\n" }
        for a in FlakyAttempts.lines(c) { h += "<p class=\"step\">\(e(SafeText.line(a)))</p>\n" }
        for l in LoadedLines.lines(c) { h += "<p class=\"step\">\(e(SafeText.line(l)))</p>\n" }
        for cmd in c.commands { h += command(cmd, log: c.log, limit: outputLimit) }
        if let elf = c.elf { h += facts(elf) }
        if let log = c.log { h += "<p class=\"step\">log: <a href=\"\(e(log))\">\(e(log))</a></p>\n" }
        return h + "</details>\n"
    }

    /// A baseline cell the new run lacks.
    static func missing(_ m: CellComparison, anchor: String) -> String {
        "<details id=\"\(anchor)\" class=\"reg\"><summary><span class=\"badge s-missing\">missing</span>\(HTMLText.escape(m.id)) — <strong>regression</strong></summary>\n"
            + changes(m) + "</details>\n"
    }

    private static func changes(_ cell: CellComparison) -> String {
        let e = HTMLText.escape
        let rows = cell.changes.regressions.map { ($0, true) } + cell.changes.information.map { ($0, false) }
        var h = "<p class=\"step\">baseline: \(cell.oldStatus?.rawValue ?? "absent") → \(cell.newStatus?.rawValue ?? "absent") (\(cell.cellClass.rawValue.replacing("_", with: " ")))</p>\n"
        guard !rows.isEmpty else { return h }
        h += "<table class=\"changes\"><tr><th>field</th><th>before</th><th>after</th><th>evidence</th></tr>\n"
        for (ch, reg) in rows {
            h += "<tr class=\"\(reg ? "reg" : "info")\"><td>\(e(ch.field))</td><td>\(e(ch.before ?? "(none)"))</td><td>\(e(ch.after ?? "(none)"))</td><td>\(e(ch.evidence))</td></tr>\n"
        }
        return h + "</table>\n"
    }

    private static func command(_ c: CommandRecord, log: String?, limit outputLimit: Int) -> String {
        let e = HTMLText.escape
        let (env, command) = c.shellWords
        let result = c.timedOut ? "timed out" : c.signal.map { "killed by \($0)" } ?? "exit \(c.exitCode.map(String.init) ?? "?")"
        var h = "<div class=\"step\">\(c.step.rawValue) — \(e(result)), \(c.durationMs) ms, in \(e(c.cwd))</div>\n"
        h += "<code class=\"cmd\">$ \(e(ShellWords.join(env + command)))</code>\n"
        let note = "the whole output is in \(log ?? "the cell's log")"
        if !c.stdout.isEmpty { h += "<div class=\"step\">stdout</div><pre>\(e(SafeText.capped(c.stdout, limit: outputLimit, note: note)))</pre>\n" }
        if !c.stderr.isEmpty { h += "<div class=\"step\">stderr</div><pre>\(e(SafeText.capped(c.stderr, limit: outputLimit, note: note)))</pre>\n" }
        return h
    }

    private static func facts(_ f: ELFFacts) -> String {
        let e = HTMLText.escape
        let hd = f.hardening
        let verdicts = hd.verdicts.map { ($0.check.name, $0.verdict) }
        let rows: [(String, String)] = [
            ("file", "\(f.elfClass)-bit \(f.machine) \(f.type.rawValue)\(f.isStatic ? ", static" : "")"),
            ("interpreter", f.interpreter ?? "(none)"),
            ("needed", f.needed.isEmpty ? "(none)" : f.needed.joined(separator: " ")),
            ("rpath / runpath", (f.rpath + f.runpath).isEmpty ? "(none)" : "rpath \(f.rpath) runpath \(f.runpath)"),
            ("pie, bind_now, relro", "\(f.pie), \(f.bindNow), \(f.relro.rawValue)"),
            ("nx_stack, textrel", "\(f.nxStack), \(f.textrel)"),
            ("hardening", verdicts.map { "\($0.0) \($0.1.state.rawValue)" }.joined(separator: ", ")),
            ("glibc_max", f.glibcMax ?? "(none)"),
            ("libgcc", f.libgcc.rawValue),
            ("build_id", f.buildID ?? "(none)"),
            ("sizes", "file \(f.sizes.file), code \(f.sizes.code), data \(f.sizes.data), bss \(f.sizes.bss)"),
            ("comment", f.comment.joined(separator: "; ")),
        ]
        var h = "<div class=\"step\">ELF facts (docs/inspect.md)</div>\n<table class=\"facts\">\n"
        for (k, v) in rows { h += "<tr><td>\(k)</td><td>\(e(v))</td></tr>\n" }
        return h + "</table>\n"
    }
}
