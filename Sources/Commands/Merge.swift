import ArgumentParser
import Foundation
import Frontend
import Model
import Reporting

/// `toolgate merge --out DIR REPORT...`: the reports of the shards of one run, joined into the report of the
/// whole run, with each shard's logs brought into DIR/logs.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join the report.json files of 'toolgate run --shard K/N' into the report of the whole run.",
        discussion: """
            The reports must be of the same matrix (name and sha256), tools and filter, shards of one N, none twice \
            and no cell twice. The merged report has the cells in plan order and is complete only when every input \
            is and the shards are 1…N. Logs beside the inputs (REPORT_DIR/logs) are linked or copied into DIR/logs.
            Exit status: 0 merged, 1 merged but a cell failed, 2 refused (the message names the files) or a usage mistake.
            """)

    @Option(name: .long, help: "Output directory for report.json and logs/.")
    var out: String

    @Argument(help: "The shard reports (report.json files, or directories holding one).")
    var reports: [String]

    func validate() throws {
        guard !reports.isEmpty else { throw ValidationError("give at least one report to merge") }
    }

    func run() throws {
        var inputs: [ReportMerge.Input] = []
        var directoryOf: [String: String] = [:]
        do {
            for argument in reports {
                let file = Self.reportFile(argument)
                let report = try ReportReader.load(file)
                let dir = (file as NSString).deletingLastPathComponent
                for cell in report.cells { directoryOf[cell.id] = dir.isEmpty ? "." : dir }
                inputs.append(ReportMerge.Input(file: file, report: report))
            }
        } catch {
            throw error.diagnostic
        }
        var merged: Report
        do {
            merged = try ReportMerge.merge(inputs)
        } catch {
            throw error.diagnostic
        }
        let outDir = URL(fileURLWithPath: out).standardizedFileURL.path
        merged.cells = MergedLogs.bring(merged.cells, from: directoryOf, into: outDir)
        let path = outDir + "/report.json"
        do {
            try ReportWriter.write(merged, to: path)
        } catch {
            throw Diagnostic.error("cannot write '\(path)': \(error.localizedDescription)")
        }
        // The merged run gets the same junit.xml, summary.md and index.html a whole run writes.
        try ComparisonFrontend.writeReports(ReportContext(report: merged), outDir: outDir)
        let missingLogs = merged.cells.filter { $0.log == nil }.count
        if missingLogs > 0 { RunContext.current.standardError.write(Diagnostic.note("\(missingLogs) cells have no log beside their report")) }
        let state = merged.complete ? "complete" : "incomplete"
        writeErr("toolgate: merged \(inputs.count) reports, \(merged.cells.count) cells (\(state)) into \(path)\n")
        writeOut(RunSummary.render(merged.cells, reportPath: path))
        if merged.cells.contains(where: { $0.status.isFailure }) { throw ExitCode(1) }
    }

    /// A directory stands for its report.json.
    static func reportFile(_ argument: String) -> String {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: argument, isDirectory: &isDir), isDir.boolValue { return argument + "/report.json" }
        return argument
    }
}
