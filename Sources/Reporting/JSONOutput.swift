import Foundation

/// The one JSON style of the files toolgate writes with JSONEncoder: pretty, keys sorted (JSONEncoder on
/// Linux keeps no declaration order, and sorted keys make two reports diff cleanly), no escaped '/'.
package enum JSONOutput {
    package static func encoder(pretty: Bool = true) -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return e
    }
}
