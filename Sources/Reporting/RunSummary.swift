import Model

/// The closing lines of a run: counts per status and where the report and the page are.
package enum RunSummary {
    package static func render(_ records: [CellRecord], reportPath: String) -> String {
        var counts: [CellStatus: Int] = [:]
        for r in records { counts[r.status, default: 0] += 1 }
        let parts = CellStatus.allCases.compactMap { s in counts[s].map { "\($0) \(s.rawValue)" } }
        var text = "\(records.count) cells: " + parts.joined(separator: ", ") + "\n"
        text += "report: \(reportPath)\n"
        let dir = reportPath.hasSuffix("/report.json") ? String(reportPath.dropLast("/report.json".count)) : "."
        text += "page: \(dir)/index.html (junit.xml and summary.md beside it)\n"
        let failed = records.filter { $0.status.isFailure }
        if !failed.isEmpty {
            text += "to redo a failed cell: toolgate repro \(failed[0].id) --report \(reportPath)\n"
        }
        return text
    }
}
