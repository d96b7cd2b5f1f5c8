import Foundation
import Model

/// The files for people and CI beside report.json (docs/reports.md): junit.xml, summary.md and
/// index.html, each written atomically.
package enum ReportFiles {
    package static let names = ["junit.xml", "summary.md", "index.html"]

    package static func render(_ name: String, _ ctx: ReportContext) -> String? {
        switch name {
        case "junit.xml": JUnitWriter.render(ctx)
        case "summary.md": MarkdownSummary.render(ctx)
        case "index.html": HTMLReport.render(ctx)
        default: nil
        }
    }

    /// Writes every file into `outDir`; stops at the first that cannot be written, naming it. junit.xml and
    /// index.html are streamed to their temporary file as they are rendered (a large run's are big).
    package static func write(_ ctx: ReportContext, to outDir: String) throws {
        try FileSink.write(to: outDir + "/junit.xml") { sink in
            var sink = sink
            JUnitWriter.write(ctx, to: &sink)
        }
        try AtomicFile.write(Data(MarkdownSummary.render(ctx).utf8), to: outDir + "/summary.md")
        try FileSink.write(to: outDir + "/index.html") { sink in
            var sink = sink
            HTMLReport.write(ctx, to: &sink)
        }
    }
}
