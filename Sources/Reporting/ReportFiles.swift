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

    /// Writes every file into `outDir`; stops at the first that cannot be written, naming it.
    package static func write(_ ctx: ReportContext, to outDir: String) throws {
        for name in names {
            guard let text = render(name, ctx) else { continue }
            try AtomicFile.write(Data(text.utf8), to: outDir + "/" + name)
        }
    }
}
