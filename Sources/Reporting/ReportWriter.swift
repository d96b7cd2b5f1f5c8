import Foundation
import Model

/// report.json and the per-cell logs beside it.
package enum ReportWriter {
    /// `evenAfterStop`: the interrupt's final save (once its context's WriteGate is stopped).
    package static func write(_ report: Report, to path: String, evenAfterStop: Bool = false) throws {
        var data = try JSONOutput.encoder().encode(report)
        data.append(0x0A)
        try AtomicFile.write(data, to: path, evenAfterStop: evenAfterStop)
    }

    package static func read(_ path: String) throws -> Report {
        try JSONDecoder().decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// `logs/<cell id>.log`, relative to the report's directory.
    package static func logPath(for id: String) -> String { "logs/\(id).log" }

    /// A readable log of one cell: every command with its directory, environment, result and output.
    package static func writeLog(_ record: CellRecord, outDir: String) throws {
        // Streamed like report.json, so not fsynced one by one (Foundation's Data.write would, per cell).
        let data = Data(logText(record).utf8)
        try AtomicFile.writeStreaming(to: outDir + "/" + logPath(for: record.id)) { try $0.write(contentsOf: data) }
    }

    /// The text of a cell's log (also the body of its JUnit failure).
    package static func logText(_ record: CellRecord) -> String {
        var text = "cell \(record.id)\nstatus \(record.status.rawValue)"
        if let reason = record.reason { text += ": \(reason)" }
        text += "\n"
        for v in record.violations { text += "violation \(v.check): \(v.message)\n" }
        for p in record.resolution ?? [] { text += "resolution \(p.kind.rawValue): \(p.message)\n" }
        for n in record.notes { text += "note: \(n)\n" }
        for a in FlakyAttempts.lines(record) { text += a + "\n" }
        for l in LoadedLines.lines(record) { text += l + "\n" }
        for c in record.commands {
            text += "\n== \(c.step.rawValue) (cwd \(c.cwd))\n"
            let (env, command) = c.shellWords
            text += "$ " + ShellWords.join(env + command) + "\n"
            var result = c.timedOut ? "timed out" : c.signal.map { "killed by \($0)" } ?? "exit \(c.exitCode.map(String.init) ?? "?")"
            result += ", \(c.durationMs) ms"
            text += "-> \(result)\n"
            if !c.stdout.isEmpty { text += "-- stdout\n\(c.stdout)" + (c.stdout.hasSuffix("\n") ? "" : "\n") }
            if !c.stderr.isEmpty { text += "-- stderr\n\(c.stderr)" + (c.stderr.hasSuffix("\n") ? "" : "\n") }
        }
        return text
    }
}
