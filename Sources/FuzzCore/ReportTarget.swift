import Foundation
import Model
import Reporting

/// The report reader as `compare` and `merge` use it, then what they do with a report they could read:
/// compare it with itself and with a variant of it, check it alone, merge it alone and split into two
/// shards, and render every writer from the results.
enum ReportTarget {
    static func run(_ bytes: [UInt8]) -> String {
        let report: Report
        do {
            report = try ReportReader.decode(Data(bytes), file: "fuzz/report.json")
        } catch {
            return "refused: \(error)"
        }
        var outcomes: [String] = []
        let variant = ReportVariants.rotated(report)
        for (old, new) in [(report, report), (report, variant), (variant, report)] {
            outcomes.append(compare(old: old, new: new))
        }
        do {
            let alone = try Comparator.selfCheck(report, name: "fuzz/report.json")
            render(ReportContext(report: report, comparison: alone))
            outcomes.append("self-check \(alone.divergences.count) divergences")
        } catch {
            outcomes.append("self-check refused")
        }
        outcomes.append(merge([report]))
        outcomes.append(merge(ReportVariants.shards(report)))
        return "read \(report.cells.count) cells; " + outcomes.joined(separator: ", ")
    }

    private static func compare(old: Report, new: Report) -> String {
        do {
            let c = try Comparator.compare(old: old, oldName: "old.json", new: new, newName: "new.json")
            render(ReportContext(report: new, comparison: c))
            _ = ComparisonText.render(c, color: true)
            _ = ComparisonJSON.render(c)
            return "compared (\(c.failsGate ? "regressions" : "no regression"))"
        } catch {
            return "compare refused"
        }
    }

    private static func merge(_ reports: [Report]) -> String {
        let inputs = reports.enumerated().map { ReportMerge.Input(file: "shard\($0.offset + 1)/report.json", report: $0.element) }
        do {
            let merged = try ReportMerge.merge(inputs)
            render(ReportContext(report: merged))
            _ = RunSummary.render(merged.cells, reportPath: "merged/report.json")
            return "merged \(reports.count)"
        } catch {
            return "merge of \(reports.count) refused"
        }
    }

    /// The files a run, a comparison and a merge write.
    private static func render(_ context: ReportContext) {
        _ = MarkdownSummary.render(context)
        _ = JUnitWriter.render(context)
        _ = HTMLReport.render(context)
    }
}
