/// What a comparison is asked to do beyond matching cells.
package struct ComparisonOptions: Sendable {
    /// Percent of file-size growth above which a larger binary is a regression (10 by default).
    package var sizeThreshold: Double
    package var knownFailures: [KnownFailure]

    package init(sizeThreshold: Double = 10, knownFailures: [KnownFailure] = []) {
        self.sizeThreshold = sizeThreshold
        self.knownFailures = knownFailures
    }
}
