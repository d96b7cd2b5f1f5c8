import Foundation
import Model

/// The files beside report.json (docs/reports.md): every ReportFormat written for the context (junit.xml,
/// summary.md, index.html; comparison.json with a comparison), each atomically.
package enum ReportFiles {
    package static func render(_ name: String, _ ctx: ReportContext) -> String? {
        ReportFormat.file(named: name)?.render(ctx, ReportFormat.Options())
    }

    /// Writes every file of the context into `outDir` (made if missing); stops at the first that cannot be
    /// written, naming it. A format with a streaming writer goes to its temporary file as it is rendered.
    package static func write(_ ctx: ReportContext, to outDir: String) throws {
        try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
        for format in ReportFormat.all where format.isWritten(for: ctx) {
            guard let name = format.fileName else { continue }
            let path = outDir + "/" + name
            if let stream = format.stream {
                try FileSink.write(to: path) { sink in stream(ctx, sink) }
            } else if let text = format.render(ctx, ReportFormat.Options()) {
                try AtomicFile.write(Data(text.utf8), to: path)
            }
        }
    }
}
