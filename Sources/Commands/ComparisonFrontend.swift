import ArgumentParser
import Foundation
import Frontend
import Model
import Reporting

/// Reading, comparing and writing for `compare` and `run --baseline`; every error is a Diagnostic (exit 2).
enum ComparisonFrontend {
    static func load(_ path: String) throws -> Report {
        do {
            return try ReportReader.load(path)
        } catch {
            throw error.diagnostic
        }
    }

    /// An interrupted or killed baseline hides regressions: the cells it never reached count as new.
    static func warnIfIncomplete(baseline: Report, name: String) {
        guard !baseline.complete else { return }
        writeErr("""
            toolgate: warning: the baseline '\(name)' is an incomplete run (complete: false: interrupted or killed, \
            \(baseline.cells.count) cells); cells it never reached are 'new' here, so their regressions cannot be seen. \
            Use a complete run as the baseline.

            """)
    }

    static func compare(old: Report, oldName: String, new: Report, newName: String, options: ComparisonOptions) throws -> Comparison {
        do {
            return try Comparator.compare(old: old, oldName: oldName, new: new, newName: newName, options: options)
        } catch {
            throw error.diagnostic
        }
    }

    static func selfCheck(_ report: Report, name: String) throws -> Comparison {
        do {
            return try Comparator.selfCheck(report, name: name)
        } catch {
            throw error.diagnostic
        }
    }

    static func loadKnownFailures(_ path: String) throws -> [KnownFailure] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Diagnostic.error("cannot read the known-failures file", at: .file(path))
        }
        do {
            return try KnownFailuresParser.parse(String(decoding: data, as: UTF8.self), file: path, today: today())
        } catch {
            throw error.diagnostic
        }
    }

    /// junit.xml, summary.md and index.html into `outDir`, and comparison.json with a comparison (docs/reports.md).
    static func writeReports(_ context: ReportContext, outDir: String) throws {
        do {
            try ReportFiles.write(context, to: outDir)
        } catch {
            throw Diagnostic.error("cannot write the reports into '\(outDir)': \(error.localizedDescription)")
        }
    }

    /// YYYY-MM-DD in UTC.
    static func today() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: Date())
    }
}
