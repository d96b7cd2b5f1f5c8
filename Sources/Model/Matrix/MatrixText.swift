/// The text of a matrix file: UTF-8, a leading byte-order mark dropped. Anything else is refused at the line
/// and column of the first byte that is not UTF-8, so a stray Latin-1 byte is easy to find.
enum MatrixText {
    static func decode(_ bytes: [UInt8], path: String) throws(MatrixError) -> String {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
        if let text = String(validating: body, as: UTF8.self) { return text }
        throw MatrixError(path: path, location: firstInvalidByte(in: body), message: "not UTF-8 text")
    }

    /// Line and column (in characters, as the TOML parser counts them, near enough) of the first bad byte.
    private static func firstInvalidByte(in bytes: ArraySlice<UInt8>) -> SourceLocation {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var line = 1, column = 1
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .emptyInput, .error:
                return SourceLocation(line: line, column: column)
            }
        }
    }
}
