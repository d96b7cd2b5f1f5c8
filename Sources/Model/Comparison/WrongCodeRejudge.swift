extension WrongCodeVerdicts {
    /// The verdicts of a report judged again over all its cells: a shard saw only its part of each seed's
    /// cells, so a merge of shard reports judges the whole again. Wrong-code cells were passes before the
    /// pass (only a pass becomes wrong-code), so they start from pass; a report without `generator` is
    /// returned as it is.
    package static func rejudge(_ report: Report) -> Report {
        guard let generator = report.metadata.generator else { return report }
        var programs: [String: UInt64] = [:]
        let prefix = generator.tool + "-"
        for c in report.cells where c.fixture.hasPrefix(prefix) {
            if let seed = UInt64(c.fixture.dropFirst(prefix.count)) { programs[c.fixture] = seed }
        }
        let cells = report.cells.map { c -> CellRecord in
            guard c.status == .wrongCode else { return c }
            var c = c
            c.status = .pass
            c.reason = nil
            return c
        }
        let result = apply(to: cells, programs: programs, reference: generator.reference)
        var metadata = report.metadata
        metadata.generatorTrouble = result.generatorTrouble.isEmpty ? nil : result.generatorTrouble
        return Report(complete: report.complete, metadata: metadata, cells: result.records)
    }
}
