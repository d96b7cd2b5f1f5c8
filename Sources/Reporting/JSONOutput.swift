import Foundation

/// The one JSON style of every file toolgate writes: pretty, keys in declaration order, no escaped '/'.
package enum JSONOutput {
    package static func encoder(pretty: Bool = true) -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = pretty ? [.prettyPrinted, .withoutEscapingSlashes] : [.withoutEscapingSlashes]
        return e
    }
}
