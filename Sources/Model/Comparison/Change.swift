/// One difference between a baseline cell and the new cell, named with before and after.
package struct Change: Sendable, Equatable, CustomStringConvertible {
    /// What part of the cell changed.
    package enum Kind: String, Sendable, Equatable, CaseIterable {
        /// The cell's status (pass, fail, ...).
        case status
        /// The cell is in the baseline and not in the new run.
        case missing
        /// A fact of the linked binary (docs/inspect.md).
        case elf
        /// The program's stdout, where the fixture declares none to check against.
        case output
    }

    package var cell: String
    package var kind: Kind
    /// `status`, `missing`, an ELF field (`relro`, `needed`, `hardening.canary`, `sizes.file`), or `stdout`.
    package var field: String
    package var before: String?
    package var after: String?
    /// Why this counts, in a line.
    package var evidence: String

    package init(cell: String, kind: Kind, field: String, before: String?, after: String?, evidence: String) {
        self.cell = cell
        self.kind = kind
        self.field = field
        self.before = before
        self.after = after
        self.evidence = evidence
    }

    package var description: String {
        "\(cell): \(field): \(before ?? "(none)") -> \(after ?? "(none)"): \(evidence)"
    }
}

/// Changes of one cell, split into what makes it worse and what is worth knowing.
package struct ChangeSet: Sendable, Equatable {
    package var regressions: [Change] = []
    package var information: [Change] = []

    package init(regressions: [Change] = [], information: [Change] = []) {
        self.regressions = regressions
        self.information = information
    }

    package mutating func append(_ other: ChangeSet) {
        regressions += other.regressions
        information += other.information
    }
}
