import Model

/// One output toolgate writes into OUT or prints (docs/reports.md, "Formats"). `ReportFormat.all` is the one
/// list `run`, `merge` and `compare --out` write from (ReportFiles), `compare --format` prints from, a run's
/// clean-up of OUT removes, and the report fuzzer renders: a new format is its writer, one entry here and
/// its golden file (ReportFilesGoldenTests reads one for each).
package struct ReportFormat: Sendable {
    /// When the format is written into OUT.
    package enum Occasion: Sendable, Equatable {
        /// By the run itself as cells finish, and by `merge` (report.json: LiveReport, ReportWriter).
        case report
        /// Beside every report.json: `run`, `merge`, `compare --out`.
        case everyRun
        /// Only with a comparison: `run --baseline`, `compare --out`.
        case comparison
        /// Never: printed by `compare` only.
        case printed
    }

    /// What `render` may need beyond the context.
    package struct Options: Sendable {
        /// ANSI colour in the comparison text.
        package var color: Bool
        package init(color: Bool = false) { self.color = color }
    }

    /// `compare --format NAME`; nil for a format compare does not print.
    package var formatName: String?
    /// Its file in OUT; nil for one that is only printed.
    package var fileName: String?
    package var occasion: Occasion
    /// The text; nil when the context lacks what it is made of (comparison.json without a comparison) or the
    /// format is written by the run itself.
    package var render: @Sendable (ReportContext, Options) -> String?
    /// Writes the file as it renders (a large run's junit.xml and index.html are big); nil: written from `render`.
    package var stream: (@Sendable (ReportContext, FileSink) -> Void)?

    package init(
        formatName: String?, fileName: String?, occasion: Occasion, render: @escaping @Sendable (ReportContext, Options) -> String?,
        stream: (@Sendable (ReportContext, FileSink) -> Void)? = nil
    ) {
        self.formatName = formatName
        self.fileName = fileName
        self.occasion = occasion
        self.render = render
        self.stream = stream
    }

    /// Whether it goes into OUT for this context.
    package func isWritten(for context: ReportContext) -> Bool {
        switch occasion {
        case .everyRun: true
        case .comparison: context.comparison != nil
        case .report, .printed: false
        }
    }
}

extension ReportFormat {
    /// Every format, in `compare --format`'s order of its names.
    package static let all: [ReportFormat] = [report, comparisonText, comparisonJSON, summary, junit, html]

    /// Every file a run or a comparison writes into OUT (what a new run clears of the previous one).
    package static var fileNames: [String] { all.compactMap(\.fileName) }

    /// The formats `compare --format` prints, by name.
    package static var printable: [ReportFormat] { all.filter { $0.formatName != nil } }

    package static func printable(named name: String) -> ReportFormat? { printable.first { $0.formatName == name } }

    package static func file(named name: String) -> ReportFormat? { all.first { $0.fileName == name } }

    /// report.json (docs/report-schema.md): the run writes it as cells finish, so it has no renderer here.
    package static let report = ReportFormat(formatName: nil, fileName: "report.json", occasion: .report, render: { _, _ in nil })

    /// The comparison for a terminal (docs/compare.md); `compare`'s default.
    package static let comparisonText = ReportFormat(
        formatName: "text", fileName: nil, occasion: .printed,
        render: { ctx, options in ctx.comparison.map { ComparisonText.render($0, color: options.color) } })

    /// comparison.json (docs/compare.md).
    package static let comparisonJSON = ReportFormat(
        formatName: "json", fileName: "comparison.json", occasion: .comparison, render: { ctx, _ in ctx.comparison.map(ComparisonJSON.render) })

    package static let summary = ReportFormat(
        formatName: "markdown", fileName: "summary.md", occasion: .everyRun, render: { ctx, _ in MarkdownSummary.render(ctx) })

    package static let junit = ReportFormat(
        formatName: "junit", fileName: "junit.xml", occasion: .everyRun, render: { ctx, _ in JUnitWriter.render(ctx) },
        stream: { ctx, sink in
            var sink = sink
            JUnitWriter.write(ctx, to: &sink)
        })

    package static let html = ReportFormat(
        formatName: "html", fileName: "index.html", occasion: .everyRun, render: { ctx, _ in HTMLReport.render(ctx) },
        stream: { ctx, sink in
            var sink = sink
            HTMLReport.write(ctx, to: &sink)
        })
}
