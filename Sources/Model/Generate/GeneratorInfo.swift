/// report.json's `metadata.generator`: which random programs the run generated (docs/report-schema.md).
package struct GeneratorInfo: Sendable, Codable, Equatable {
    package var tool: String
    /// First line of `csmith --version`.
    package var version: String
    package var flags: [String]
    /// As written: `1-200`, `1,5,9`.
    package var seeds: String
    /// Seconds each generated program may run.
    package var runTimeout: Int
    package var reference: ReferenceCells?

    package init(tool: String, version: String, flags: [String], seeds: String, runTimeout: Int, reference: ReferenceCells?) {
        self.tool = tool
        self.version = version
        self.flags = flags
        self.seeds = seeds
        self.runTimeout = runTimeout
        self.reference = reference
    }

    enum CodingKeys: String, CodingKey {
        case tool, version, flags, seeds
        case runTimeout = "run_timeout"
        case reference
    }
}
