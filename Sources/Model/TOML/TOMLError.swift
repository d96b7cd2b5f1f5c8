/// A syntax error in a TOML file, with the place it was found.
package struct TOMLError: Error, Sendable, Equatable, CustomStringConvertible {
    package var location: SourceLocation
    package var message: String

    package init(_ message: String, at location: SourceLocation) {
        self.message = message
        self.location = location
    }

    package var description: String { "\(location): error: \(message)" }
}
