import ArgumentParser
import Foundation
import Frontend
import Model
import Reporting

/// `toolgate compare OLD NEW [--format text|json|markdown|junit|html] [--out DIR] [--size-threshold P]
/// [--size-note-threshold P] [--known-failures FILE]`,
/// or `toolgate compare REPORT` for one run's divergences.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare a run with a baseline run and name every regression with its evidence.",
        discussion: """
            OLD and NEW are report.json files; with one report, its divergences are reported (the same \
            fixture printing different stdout across compilers, link modes, opt levels and targets).
            Exit status: 0 no regression, 1 regressions (or, with one report, divergences), 2 a usage \
            mistake, an unreadable report, reports of different matrices or an expired known failure.
            --format markdown, junit and html print summary.md, junit.xml and index.html of the new run with \
            the comparison (docs/reports.md); --out DIR writes them all with comparison.json.
            An incomplete OLD (complete: false, an interrupted run) is compared with a warning on stderr: the cells \
            it never reached cannot show a regression.
            One change seen in many cells is one line with its count ("comment: ... in all 60 cells"); a file size \
            change under --size-note-threshold (1 %) is not reported. Every kind of change is explained in docs/compare.md.
            """)

    @Argument(help: ArgumentHelp("The baseline report.json and the new one (or one report alone).", valueName: "report"))
    var reports: [String]

    @Option(name: .long, help: "The output format.")
    var format: ComparisonFormat = .text

    @Option(name: .long, help: "Also write DIR/comparison.json, junit.xml, summary.md and index.html.")
    var out: String?

    @OptionGroup var flags: ComparisonFlags

    func validate() throws {
        guard (1...2).contains(reports.count) else {
            throw ValidationError("expected OLD NEW (two report.json files), or one report; got \(reports.count)")
        }
        try flags.validate()
    }

    func run() throws {
        let options = try flags.options()
        let comparison: Comparison
        let new: Report
        if reports.count == 2 {
            let old = try ComparisonFrontend.load(reports[0])
            ComparisonFrontend.warnIfIncomplete(baseline: old, name: reports[0])
            new = try ComparisonFrontend.load(reports[1])
            comparison = try ComparisonFrontend.compare(old: old, oldName: reports[0], new: new, newName: reports[1], options: options)
        } else {
            new = try ComparisonFrontend.load(reports[0])
            comparison = try ComparisonFrontend.selfCheck(new, name: reports[0])
        }
        let context = ReportContext(report: new, comparison: comparison)
        if let out { try ComparisonFrontend.writeReports(context, outDir: out) }
        writeOut(format.format.render(context, ReportFormat.Options(color: flags.useColor)) ?? "")
        if comparison.failsGate { throw ExitCode(1) }
    }
}

/// `--format NAME`: one of ReportFormat's printable formats (text, json, markdown, junit, html).
struct ComparisonFormat: ExpressibleByArgument {
    var format: ReportFormat

    static let text = ComparisonFormat(format: .comparisonText)

    init(format: ReportFormat) { self.format = format }

    init?(argument: String) {
        guard let format = ReportFormat.printable(named: argument) else { return nil }
        self.format = format
    }

    static var allValueStrings: [String] { ReportFormat.printable.compactMap(\.formatName) }

    var defaultValueDescription: String { format.formatName ?? "" }
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    /// The flag wins; `auto` colours a terminal unless NO_COLOR is set to anything but "" (no-color.org).
    func resolve(environment: [String: String], isTerminal: Bool) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            if let value = environment["NO_COLOR"], !value.isEmpty { return false }
            return isTerminal
        }
    }
}

/// The comparison flags `compare` and `run --baseline` share.
struct ComparisonFlags: ParsableArguments {
    @Option(name: .long, help: "Percent of file-size growth that is a regression.")
    var sizeThreshold: Double = 10

    @Option(
        name: .long,
        help: "Percent of file-size change (either way) below which it is not even an information line.")
    var sizeNoteThreshold: Double = ComparisonOptions.defaultSizeNoteThreshold

    @Option(name: .long, help: "Known failures: lines of 'PATTERN YYYY-MM-DD REASON' (docs/compare.md).")
    var knownFailures: String?

    @Option(name: .long, help: "Colour the text: auto (a terminal, and NO_COLOR unset), always or never.")
    var color: ColorChoice = .auto

    func validate() throws {
        guard sizeThreshold.isFinite, sizeThreshold >= 0 else { throw ValidationError("'--size-threshold' must be a percentage, 0 or more") }
        guard sizeNoteThreshold.isFinite, sizeNoteThreshold >= 0 else {
            throw ValidationError("'--size-note-threshold' must be a percentage, 0 or more")
        }
    }

    /// The options, with the known-failures file read; its errors exit 2 naming file:line.
    func options() throws -> ComparisonOptions {
        var entries: [KnownFailure] = []
        if let knownFailures { entries = try ComparisonFrontend.loadKnownFailures(knownFailures) }
        return ComparisonOptions(sizeThreshold: sizeThreshold, knownFailures: entries, sizeNoteThreshold: sizeNoteThreshold)
    }

    var useColor: Bool {
        color.resolve(environment: ProcessInfo.processInfo.environment, isTerminal: isatty(STDOUT_FILENO) == 1)
    }
}
