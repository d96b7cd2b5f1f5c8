/// The closed set of cell outcomes (lit's habit: a small fixed set of result codes).
package enum CellStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case pass
    /// Wrong exit status, output or stderr.
    case fail
    /// Died of a signal it was not expected to die of (the signal is named in the record).
    case crash
    case timeout
    case compileError = "compile-error"
    case linkError = "link-error"
    /// An ELF invariant or an ELF expectation of the fixture is broken.
    case policy
    /// The fixture's annotations or the link mode rule the cell out here.
    case unsupported
    /// A compiler, BUILD-WITH compiler or runner is not installed.
    case skipped

    /// Counts against the run's exit status.
    package var isFailure: Bool {
        switch self {
        case .pass, .unsupported, .skipped: false
        default: true
        }
    }

    /// One character for the final grid.
    package var symbol: Character {
        switch self {
        case .pass: "."
        case .fail: "F"
        case .crash: "C"
        case .timeout: "T"
        case .compileError: "E"
        case .linkError: "L"
        case .policy: "P"
        case .unsupported: "-"
        case .skipped: "s"
        }
    }
}
