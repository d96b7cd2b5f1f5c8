import Model

/// junit.xml: one testcase per cell, classname the fixture and name the configuration
/// (`compiler/target/link/opt`). A failing status is a `<failure>` whose message is the reason and whose
/// body is the cell's log, capped; unsupported and skipped cells are `<skipped>`. With a baseline, a
/// regression is a failure carrying its evidence, a missing cell too, and a known failure is `<skipped>`.
/// A flaky cell (`run --repeat`) is a testcase with a `<system-out>` listing its attempts, not a failure.
/// Escaping follows lit: control characters stripped, `]]>` split inside CDATA.
package enum JUnitWriter {
    /// The most of a cell's log a failure carries (its tail); the whole log is in OUT/logs/.
    package static let logLimit = 16_000

    package static func render(_ ctx: ReportContext) -> String {
        var out = ""
        write(ctx, to: &out)
        return out
    }

    /// Streams the file: the counts first (from the cells' statuses), then one testcase at a time, a
    /// failing cell's full record read back only while its case is written.
    package static func write(_ ctx: ReportContext, to out: inout some TextOutputStream) {
        var failures = ctx.missingRegressions.count, skipped = 0
        for cell in ctx.report.cells {
            let outcome = self.outcome(cell, ctx)
            if outcome == .failure { failures += 1 } else if outcome == .skipped { skipped += 1 }
        }
        let total = ctx.report.cells.count + ctx.missingRegressions.count
        // Saturating: two cells of a hostile report claiming Int.max ms overflowed the sum.
        let seconds = format(ctx.report.cells.reduce(0) { sum, cell in
            let (total, overflow) = sum.addingReportingOverflow(max(0, cell.durationMs))
            return overflow ? Int.max : total
        })
        let name = XMLText.attribute("toolgate." + ctx.report.metadata.matrix.name)
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        out.write("<testsuites name=\"toolgate\" tests=\"\(total)\" failures=\"\(failures)\" skipped=\"\(skipped)\" time=\"\(seconds)\">\n")
        out.write("  <testsuite name=\"\(name)\" tests=\"\(total)\" failures=\"\(failures)\" skipped=\"\(skipped)\" time=\"\(seconds)\"")
        out.write(" timestamp=\"\(XMLText.attribute(ctx.report.metadata.startedAt))\" hostname=\"\(XMLText.attribute(ctx.report.metadata.host.hostname))\">\n")
        for cell in ctx.report.cells {
            let full = outcome(cell, ctx) == .failure ? ctx.full(cell) : cell
            out.write(testcase(full, ctx).0 + "\n")
        }
        for missing in ctx.missingRegressions {
            let (fixture, configuration) = ReportContext.split(missing.id)
            let evidence = missing.changes.regressions.map(ReportContext.describe).joined(separator: "\n")
            out.write(open(fixture, configuration, seconds: 0)
                + "      <failure type=\"missing\" message=\"\(XMLText.attribute("regression: " + (missing.changes.regressions.first?.evidence ?? "missing")))\">"
                + XMLText.cdata(evidence) + "</failure>\n    </testcase>\n")
        }
        out.write("  </testsuite>\n</testsuites>\n")
    }

    /// How a cell's testcase comes out (the same decision `testcase` makes, without rendering it).
    private static func outcome(_ cell: CellRecord, _ ctx: ReportContext) -> Outcome {
        if ctx.comparison(of: cell.id).map({ $0.cellClass == .expected && $0.knownFailure != nil }) ?? false { return .skipped }
        if cell.status.isFailure || !ctx.regressions(of: cell.id).isEmpty { return .failure }
        if cell.status == .flaky { return .flaky }
        if cell.status == .skipped || cell.status == .unsupported { return .skipped }
        return .pass
    }

    private enum Outcome { case pass, failure, skipped, flaky }

    private static func testcase(_ cell: CellRecord, _ ctx: ReportContext) -> (String, Outcome) {
        var xml = open(cell.fixture, cell.configuration, seconds: cell.durationMs)
        let regressions = ctx.regressions(of: cell.id)
        let known = ctx.comparison(of: cell.id).flatMap { $0.cellClass == .expected ? $0.knownFailure : nil }
        let outcome: Outcome
        if let known {
            xml += "      <skipped message=\"\(XMLText.attribute("expected failure (\(cell.status.rawValue)): \(known.reason) [\(known.location), until \(known.expires)]"))\"/>\n"
            outcome = .skipped
        } else if cell.status.isFailure || !regressions.isEmpty {
            var message = cell.status.isFailure ? "\(cell.status.rawValue): \(cell.reason ?? cell.status.rawValue)" : ""
            var body = ""
            if !regressions.isEmpty {
                let evidence = regressions.map(ReportContext.describe)
                message = "regression: " + evidence.joined(separator: "; ") + (message.isEmpty ? "" : "; " + message)
                body = "regressions against the baseline:\n" + evidence.map { "  " + $0 }.joined(separator: "\n") + "\n\n"
            }
            body += SafeText.capped(ReportWriter.logText(cell), limit: logLimit, note: "the whole log is \(cell.log ?? ReportWriter.logPath(for: cell.id))")
            let type = regressions.isEmpty ? cell.status.rawValue : "regression"
            xml += "      <failure type=\"\(type)\" message=\"\(XMLText.attribute(SafeText.line(message, limit: 1000)))\">\(XMLText.cdata(body))</failure>\n"
            outcome = .failure
        } else if cell.status == .flaky {
            // Not a failure, never a plain pass: the attempts go to <system-out>.
            let text = ([FlakyAttempts.headline(cell)] + FlakyAttempts.lines(cell)).joined(separator: "\n") + "\n"
            xml += "      <system-out>\(XMLText.cdata(text))</system-out>\n"
            outcome = .flaky
        } else if cell.status == .skipped || cell.status == .unsupported {
            xml += "      <skipped message=\"\(XMLText.attribute("\(cell.status.rawValue): \(cell.reason ?? "")"))\"/>\n"
            outcome = .skipped
        } else {
            outcome = .pass
        }
        // A passing case has no body: `<testcase .../>`.
        if outcome == .pass { return (String(xml.dropLast(2)) + "/>", outcome) }
        return (xml + "    </testcase>", outcome)
    }

    private static func open(_ fixture: String, _ configuration: String, seconds ms: Int) -> String {
        "    <testcase classname=\"\(XMLText.attribute(fixture))\" name=\"\(XMLText.attribute(configuration))\" time=\"\(format(ms))\">\n"
    }

    /// Milliseconds as seconds with three decimals.
    private static func format(_ ms: Int) -> String {
        // A negative duration (only a hostile report has one) made a negative padding count: a trap.
        let ms = max(0, ms)
        let frac = String(ms % 1000)
        return "\(ms / 1000)." + String(repeating: "0", count: 3 - frac.count) + frac
    }
}
