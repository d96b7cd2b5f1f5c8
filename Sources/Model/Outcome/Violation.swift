/// A broken ELF invariant or fixture expectation: which check, and what was found.
package struct Violation: Sendable, Codable, Equatable, CustomStringConvertible {
    package var check: String
    package var message: String

    package init(_ check: String, _ message: String) {
        self.check = check
        self.message = message
    }

    package var description: String { "\(check): \(message)" }
}
