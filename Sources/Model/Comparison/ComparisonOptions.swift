/// What a comparison is asked to do beyond matching cells.
package struct ComparisonOptions: Sendable {
    /// A file size change under 1 % is not worth a line (`--size-note-threshold`).
    package static let defaultSizeNoteThreshold = 1.0

    /// Percent of file-size growth above which a larger binary is a regression (10 by default).
    package var sizeThreshold: Double
    package var knownFailures: [KnownFailure]
    /// Percent of file-size change (either way) below which it is not even information (1 by default).
    package var sizeNoteThreshold: Double

    package init(sizeThreshold: Double = 10, knownFailures: [KnownFailure] = [], sizeNoteThreshold: Double = Self.defaultSizeNoteThreshold) {
        self.sizeThreshold = sizeThreshold
        self.knownFailures = knownFailures
        self.sizeNoteThreshold = sizeNoteThreshold
    }
}
