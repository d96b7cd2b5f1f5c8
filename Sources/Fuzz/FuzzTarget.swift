/// The readers of hostile input that are fuzzed, selected by the first argument: `toolgate-fuzz elf|matrix|report ...`.
/// Each takes one input's bytes and must answer with a result or an error, never a trap; its answer is a
/// one-line outcome that the replay mode prints.
enum FuzzTarget: String, CaseIterable {
    case elf, matrix, report

    func run(_ bytes: [UInt8]) -> String {
        switch self {
        case .elf: ELFTarget.run(bytes)
        case .matrix: MatrixTarget.run(bytes)
        case .report: ReportTarget.run(bytes)
        }
    }

    static var names: String { allCases.map(\.rawValue).joined(separator: "|") }
}
