import Model

/// Second reports made from the fuzzed one, so that comparison and merge meet differences the input chose.
enum ReportVariants {
    /// The same cells, each with the status, output and ELF facts of the next one: every cell can change.
    static func rotated(_ report: Report) -> Report {
        var out = report
        let cells = report.cells
        for i in cells.indices {
            let next = cells[(i + 1) % cells.count]
            out.cells[i].status = next.status
            out.cells[i].stdout = next.stdout
            out.cells[i].elf = next.elf
        }
        return out
    }

    /// The cells split into shards 1/2 and 2/2 of one run.
    static func shards(_ report: Report) -> [Report] {
        let half = report.cells.count / 2
        var first = report, second = report
        first.cells = Array(report.cells[..<half])
        second.cells = Array(report.cells[half...])
        first.metadata.shard = Shard(index: 1, count: 2)
        second.metadata.shard = Shard(index: 2, count: 2)
        return [first, second]
    }
}
