/// Matches the cells of a baseline and a new run by id and classifies each (docs/compare.md).
package enum Comparator {
    /// Throws when the reports cannot be compared: different matrices or an unknown schema.
    package static func compare(
        old: Report, oldName: String = "OLD", new: Report, newName: String = "NEW", options: ComparisonOptions = ComparisonOptions()
    ) throws(ComparisonError) -> Comparison {
        try checkSchema(old, oldName)
        try checkSchema(new, newName)
        guard old.metadata.matrix.name == new.metadata.matrix.name else {
            throw .differentMatrices(old: old.metadata.matrix.name, new: new.metadata.matrix.name)
        }
        var warnings: [String] = []
        if old.metadata.matrix.sha256 != new.metadata.matrix.sha256 {
            warnings.append("the matrix file '\(new.metadata.matrix.name)' changed between the runs (sha256 differs)")
        }
        if !old.complete {
            warnings.append("the baseline \(oldName) is an incomplete run (complete: false): cells it never reached are 'new' here, so their regressions cannot be seen")
        }
        if !new.complete { warnings.append("\(newName) is an incomplete run: cells it did not reach are missing") }

        let oldByID = Dictionary(old.cells.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let newIDs = Set(new.cells.map(\.id))
        var cells: [CellComparison] = []
        for n in new.cells {
            var c: CellComparison
            if let o = oldByID[n.id] {
                c = classify(old: o, new: n, options: options)
            } else {
                c = CellComparison(id: n.id, cellClass: n.status == .flaky ? .flaky : .new, oldStatus: nil, newStatus: n.status)
                if let wrong = newWrongCode(old: nil, new: n) {
                    c.cellClass = .regression
                    c.changes.regressions.append(wrong)
                }
            }
            applyKnownFailures(&c, options.knownFailures)
            cells.append(c)
        }
        for o in old.cells where !newIDs.contains(o.id) {
            var c = missing(o, new: new.metadata)
            applyKnownFailures(&c, options.knownFailures)
            cells.append(c)
        }
        return Comparison(
            old: old.metadata, new: new.metadata, cells: cells, divergences: DivergenceFinder.find(in: new.cells), warnings: warnings)
    }

    /// One report alone: its divergences; every cell unchanged.
    package static func selfCheck(_ report: Report, name: String = "REPORT") throws(ComparisonError) -> Comparison {
        try checkSchema(report, name)
        let cells = report.cells.map { CellComparison(id: $0.id, cellClass: .unchanged, oldStatus: nil, newStatus: $0.status) }
        return Comparison(
            old: nil, new: report.metadata, cells: cells, divergences: DivergenceFinder.find(in: report.cells),
            warnings: report.complete ? [] : ["\(name) is an incomplete run"])
    }

    private static func checkSchema(_ r: Report, _ name: String) throws(ComparisonError) {
        if r.schemaVersion != Report.schemaVersion { throw .schemaVersion(file: name, version: r.schemaVersion) }
    }

    package static func classify(old o: CellRecord, new n: CellRecord, options: ComparisonOptions) -> CellComparison {
        var changes = ChangeSet()
        let wasFailing = o.status.isFailure, isFailing = n.status.isFailure
        // Skipped means a compiler or runner the cell needs is gone: coverage lost, an alarm like a missing cell.
        if o.status == .pass, isFailing || n.status == .skipped {
            changes.regressions.append(Change(
                cell: n.id, kind: .status, field: "status", before: o.status.rawValue, after: n.status.rawValue,
                evidence: n.reason ?? n.violations.first?.description ?? "now \(n.status.rawValue)"))
        }
        if let oe = o.elf, let ne = n.elf {
            changes.append(ELFDiff.compare(
                cell: n.id, old: oe, new: ne, sizeThreshold: options.sizeThreshold, sizeNoteThreshold: options.sizeNoteThreshold))
        }
        if let output = outputChange(old: o, new: n) { changes.regressions.append(output) }
        if o.status != .pass, let wrong = newWrongCode(old: o, new: n) { changes.regressions.append(wrong) }

        let cellClass: CellClass
        if !changes.regressions.isEmpty {
            cellClass = .regression
        } else if n.status == .flaky {
            // Passed only on a rerun: listed apart, whatever it was before.
            cellClass = .flaky
        } else if wasFailing {
            // A failing cell that is skipped now is not fixed: it did not run.
            cellClass = isFailing || n.status == .skipped ? .stillFailing : .fixed
        } else if isFailing {
            // Unsupported or skipped before, failing now: nothing that passed fails, but it is not fine.
            cellClass = .stillFailing
        } else {
            cellClass = .unchanged
        }
        return CellComparison(id: n.id, cellClass: cellClass, oldStatus: o.status, newStatus: n.status, changes: changes)
    }

    /// Where the fixture declares no stdout, the baseline's stdout is the only expectation there is.
    private static func outputChange(old o: CellRecord, new n: CellRecord) -> Change? {
        guard o.status == .pass, n.status == .pass, (n.stdoutChecked ?? o.stdoutChecked) == false,
            let d = StdoutDifference.firstDifference(o.stdout, n.stdout)
        else { return nil }
        return Change(
            cell: n.id, kind: .output, field: "stdout", before: d.before ?? "(end of output)", after: d.after ?? "(end of output)",
            evidence: "stdout changed at line \(d.line); the fixture declares no expected output")
    }

    /// A wrong-code cell that was not wrong-code before (or is new): a miscompile, whatever the cell was.
    /// (A pass that became wrong-code is already a status regression.)
    private static func newWrongCode(old o: CellRecord?, new n: CellRecord) -> Change? {
        guard n.status == .wrongCode, o?.status != .wrongCode else { return nil }
        return Change(
            cell: n.id, kind: .status, field: "status", before: o?.status.rawValue, after: n.status.rawValue,
            evidence: n.reason ?? "the checksum differs from the other cells'")
    }

    /// A baseline cell the new run lacks. The new run accounts for it when its matrix no longer has the
    /// cell's compiler for the cell's target, or when its --filter left the cell out.
    private static func missing(_ o: CellRecord, new: RunMetadata) -> CellComparison {
        var reason: String?
        if !new.compilers.isEmpty, !new.compilers.contains(where: { $0.compiler == o.compiler && $0.target == o.target }) {
            reason = "the new matrix has no compiler '\(o.compiler)' for target '\(o.target)'"
        } else if let filter = new.filter, !CellFilter(filter).matches(o) {
            reason = "left out by --filter '\(filter)'"
        }
        var c = CellComparison(id: o.id, cellClass: .missing, oldStatus: o.status, newStatus: nil, missingReason: reason)
        if reason == nil {
            c.changes.regressions.append(Change(
                cell: o.id, kind: .missing, field: "status", before: o.status.rawValue, after: nil,
                evidence: "in the baseline, not in the new run, and nothing in the new run says why"))
        }
        return c
    }

    /// A failing or regressed cell a known-failures entry covers becomes expected; the first entry wins.
    private static func applyKnownFailures(_ c: inout CellComparison, _ entries: [KnownFailure]) {
        let failing = c.newStatus?.isFailure ?? false
        let covered = c.cellClass == .regression || c.cellClass == .stillFailing || (c.cellClass == .new && failing)
            || (c.cellClass == .missing && c.missingReason == nil)
        guard covered, let entry = entries.first(where: { $0.matches(c.id) }) else { return }
        c.cellClass = .expected
        c.knownFailure = entry
    }
}
