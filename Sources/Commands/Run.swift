import ArgumentParser
import ELFInspection
import Execution
import Foundation
import Frontend
import Model
import Reporting

/// `toolgate run [MATRIX] [--out DIR] [--fixtures DIR] [-j N] [--timeout S] [--filter PATTERN] [--shard K/N] [--repeat N]
/// [--keep-work failed|all|none] [--cache-dir DIR | --no-cache] [--cache-max-size SIZE] [--baseline FILE [--update-baseline]]
/// [--generate csmith --seeds LIST [--csmith-flags FLAGS]]`.
struct Run: ContextCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compile, link, run and inspect every cell of a matrix; write OUT/report.json and the reports beside it.",
        discussion: """
            Exit status: 0 when every cell passed, or is flaky, unsupported or skipped; 1 when any cell failed;
            2 for a bad matrix or fixtures directory. With --baseline, the comparison decides instead: 1 when
            anything regressed (docs/compare.md), 2 for an unreadable baseline. The report's schema is in docs/report-schema.md.
            Beside report.json go junit.xml, summary.md and index.html (docs/reports.md); with --baseline they \
            include the comparison.
            With --repeat N, a failed run step (fail, crash, timeout) runs again up to N more times; a cell that passes \
            on a rerun is 'flaky' (grid letter '~'), listed apart and never counted as a pass.
            Compile and link steps go through a build cache keyed by content (the compiler's identity, flags, \
            every file the step read); run steps always run. See docs/runner.md, "Build cache".
            --keep-work failed (the default) removes a passing cell's directory under OUT/work once it is judged, \
            and a build unit's objects once none of its cells failed; 'all' keeps everything, 'none' nothing. \
            `toolgate repro` recreates a removed directory and rebuilds (docs/runner.md, "Work directories").
            --update-baseline (with --baseline) writes the new report.json over the baseline only after a complete \
            run with no regression; otherwise the baseline is untouched and the exit status is 1 (regressions) or 2 \
            (an incomplete run, a shard, or baseline cells the run left out).
            Run steps are sealed in bubblewrap (a PID namespace, no network, a read-only root: the target's sysroot \
            or the host's /, the cell's directory writable, a private /tmp); the matrix's 'sandbox' key says \
            auto (default: unsealed with a warning where bubblewrap cannot work), bwrap (else exit 2) or none. \
            A target's 'sysroot' gives compile and link steps --sysroot and is the root its programs run in. \
            Each cell records 'sandbox' and 'loaded', what glibc's loader mapped (docs/sysroot.md).
            With --generate csmith --seeds 1-200, each seed's random program is a fixture (csmith-SEED) run through \
            the whole matrix; per seed, a completed cell whose checksum differs from the others' (or the matrix's \
            reference cells') is 'wrong-code' (grid letter 'W'). See docs/random-programs.md and 'toolgate reduce'.
            SIGINT or SIGTERM stops a run within seconds: every compiler, linker and emulator it started is killed, \
            report.json keeps the cells that finished with complete: false, and the exit status is 130. A second \
            signal stops it at once. No baseline is updated.
            """)

    @OptionGroup var matrixOptions: MatrixOptions
    @OptionGroup var selection: SelectionOptions
    @OptionGroup(title: "Random programs") var generation: GenerateOptions

    @Option(name: .long, help: "Output directory: report.json, junit.xml, summary.md, index.html, logs/, work/.")
    var out: String = "reports/latest"

    @Option(name: [.customShort("j"), .long], help: "Build units run in parallel (default: the number of cores).")
    var jobs: Int = ProcessorCount.online

    @Option(name: .long, help: "Seconds per step, overriding every timeout of the matrix.")
    var timeout: Int?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Rerun a cell's failed run step (fail, crash, timeout) up to N more times; one that passes on a rerun is 'flaky'.",
            valueName: "N"))
    var `repeat`: Int = 0

    @Option(
        name: .long,
        help: ArgumentHelp(
            "What stays under OUT/work: 'failed' (failing and flaky cells' directories, the default), 'all', or 'none'; the build cache keeps the rest, and repro rebuilds it.",
            valueName: "failed|all|none"))
    var keepWork: KeepWork = .failed

    @Option(name: .long, help: "A baseline report.json: compare after the run, write OUT/comparison.json, exit by regressions.")
    var baseline: String?

    @Flag(
        name: .long,
        help: "With --baseline: after a complete run with no regression, write its report.json over the baseline file.")
    var updateBaseline = false

    @OptionGroup var comparison: ComparisonFlags

    @OptionGroup(title: "Build cache") var cache: CacheOptions

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("'--jobs' must be at least 1") }
        if let timeout, timeout < 1 { throw ValidationError("'--timeout' must be at least 1") }
        guard `repeat` >= 0 else { throw ValidationError("'--repeat' must be at least 0") }
        try comparison.validate()
        if baseline == nil, comparison.knownFailures != nil { throw ValidationError("'--known-failures' needs '--baseline'") }
        if baseline == nil, updateBaseline { throw ValidationError("'--update-baseline' needs '--baseline'") }
    }

    func run(in context: RunContext) async throws {
        // Watched from the first moment: an interrupt anywhere kills what the run started (Interruption).
        let interruption = Interruption.install(context)
        do {
            try await runAndCompare(interruption)
        } catch {
            await interruption.holdIfStopping()
            throw error
        }
        await interruption.holdIfStopping()
    }

    private func runAndCompare(_ interruption: Interruption) async throws {
        var matrix = try selection.narrowed(matrixOptions.load())
        if let timeout { matrix.overrideTimeout(timeout) }
        try await CPUPreflight.check(matrix, store: cache.settings.map(ProbeAnswerStore.init(cache:)))
        let missing = matrix.missingSysroots { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        if !missing.isEmpty {
            throw Diagnostics(missing.map(\.diagnostic))
        }
        // With --generate (or [generate]), the generated programs are the run's fixtures (docs/random-programs.md).
        let generated = try generation.spec(matrix: matrix, timeout: timeout)
        var programs: (fixtures: [Fixture], version: String)?
        if let generated { programs = try await GenerateFrontend.fixtures(generated, outDir: out, cache: cache.settings, jobs: jobs) }
        let fixtures = try programs?.fixtures ?? matrixOptions.discover(matrix)
        // The baseline and known failures are read first: a bad one stops before the run, not after it.
        let old = try baseline.map(ComparisonFrontend.load)
        if let old, let baseline { ComparisonFrontend.warnIfIncomplete(baseline: old, name: baseline) }
        let options = try comparison.options()
        let plan = selection.plan(matrix: matrix, fixtures: fixtures)
        var session = RunSession(matrix: matrix, plan: plan, outDir: out, jobs: jobs, commandLine: CommandLine.arguments, context: interruption.context)
        session.shard = selection.parsedShard
        session.filter = selection.filter
        session.axes = PlanAxes(matrix: matrix, fixtures: fixtures)
        session.repeats = `repeat`
        session.keepWork = keepWork
        session.cache = cache.settings
        session.interruption = interruption
        if let generated, let programs {
            session.generation = RunSession.Generation(
                spec: generated, programs: programs.fixtures,
                info: GeneratorInfo(
                    tool: generated.tool, version: String(programs.version.split(separator: "\n").first ?? ""), flags: generated.flags,
                    seeds: generation.seedsText(generated), runTimeout: generated.runTimeout, reference: generated.reference))
        }
        let outcome = try await session.run()
        if let old, let baseline {
            // A comparison needs every cell's facts and output: the whole report is read back here.
            let new = try ComparisonFrontend.load(session.reportPath)
            let result = try ComparisonFrontend.compare(old: old, oldName: baseline, new: new, newName: session.reportPath, options: options)
            try ComparisonFrontend.writeReports(ReportContext(report: new, comparison: result), outDir: out)
            writeOut("\n" + ComparisonText.render(result, color: comparison.useColor))
            if updateBaseline {
                try BaselineUpdate.apply(old: old, new: new, newPath: session.reportPath, comparison: result, baseline: baseline)
            }
            if result.failsGate { throw ExitCode(1) }
            return
        }
        var context = ReportContext(report: Report(complete: true, metadata: outcome.metadata, cells: outcome.cells))
        context.loader = outcome.loader
        try ComparisonFrontend.writeReports(context, outDir: out)
        if outcome.cells.contains(where: { $0.status.isFailure }) { throw ExitCode(1) }
    }
}

extension KeepWork: ExpressibleByArgument {}
