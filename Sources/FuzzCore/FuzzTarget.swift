/// One reader of hostile input that is fuzzed, selected by the first argument (`toolgate-fuzz elf|matrix|report
/// ...`). It takes one input's bytes and must answer with a result or an error, never a trap; its answer is a
/// one-line outcome that the replay mode prints.
package struct FuzzTarget: Sendable {
    package let name: String
    package let run: @Sendable ([UInt8]) -> String

    package init(_ name: String, _ run: @escaping @Sendable ([UInt8]) -> String) {
        self.name = name
        self.run = run
    }

    /// The readers that need no C library: the matrix parser and the report reader.
    package static let matrix = FuzzTarget("matrix", MatrixTarget.run)
    package static let report = FuzzTarget("report", ReportTarget.run)
}
