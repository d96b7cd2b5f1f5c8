/// The class of a cell in a comparison (GCC's compare_tests: a test that disappeared is an alarm).
package enum CellClass: String, Sendable, Equatable, CaseIterable {
    /// Worse than the baseline: a pass became a failure, or an ELF fact or the output got worse.
    case regression
    /// A failure in the baseline that passes now.
    case fixed
    /// A failure in both runs.
    case stillFailing = "still_failing"
    /// Flaky in the new run (`run --repeat`): failed, then passed on a rerun. Neither a regression nor unchanged.
    case flaky
    /// Only in the new run.
    case new
    /// Only in the baseline. A regression unless the new run says why (see `MissingExplanation`).
    case missing
    /// Nothing that matters changed.
    case unchanged
    /// A failure or regression a known-failures entry covers.
    case expected
}

/// One cell id, as it stands in both runs.
package struct CellComparison: Sendable, Equatable {
    package var id: String
    package var cellClass: CellClass
    package var oldStatus: CellStatus?
    package var newStatus: CellStatus?
    package var changes: ChangeSet
    /// For a missing cell the new run accounts for: why it is absent.
    package var missingReason: String?
    /// For an expected cell: the known-failures entry that covers it.
    package var knownFailure: KnownFailure?

    package init(
        id: String, cellClass: CellClass, oldStatus: CellStatus?, newStatus: CellStatus?,
        changes: ChangeSet = ChangeSet(), missingReason: String? = nil, knownFailure: KnownFailure? = nil
    ) {
        self.id = id
        self.cellClass = cellClass
        self.oldStatus = oldStatus
        self.newStatus = newStatus
        self.changes = changes
        self.missingReason = missingReason
        self.knownFailure = knownFailure
    }
}
