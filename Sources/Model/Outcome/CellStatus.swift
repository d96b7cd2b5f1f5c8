/// The closed set of cell outcomes (lit's habit: a small fixed set of result codes).
package enum CellStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case pass
    /// Failed its run step, then passed on a rerun (`toolgate run --repeat N`): not a failure for the exit
    /// status, never a pass either; the record's `attempts` hold every run.
    case flaky
    /// Wrong exit status, output or stderr.
    case fail
    /// A generated program's checksum differs from the one the other cells (or the reference cells) agree on.
    case wrongCode = "wrong-code"
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
        case .pass, .flaky, .unsupported, .skipped: false
        default: true
        }
    }

    /// One character for the final grid.
    package var symbol: Character {
        switch self {
        case .pass: "."
        case .flaky: "~"
        case .fail: "F"
        case .wrongCode: "W"
        case .crash: "C"
        case .timeout: "T"
        case .compileError: "E"
        case .linkError: "L"
        case .policy: "P"
        case .unsupported: "-"
        case .skipped: "s"
        }
    }

    /// A failed run step that `--repeat` may run again: the binary exists, only the run went wrong.
    package var isRerunnable: Bool {
        switch self {
        case .fail, .crash, .timeout: true
        default: false
        }
    }
}
