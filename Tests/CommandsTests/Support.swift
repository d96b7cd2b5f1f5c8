import Foundation
import Testing

/// What `toolgate` printed and how it ended (TestSupport's ProcessOutput; `Run` here, where Commands' own
/// `Run` would otherwise make the name ambiguous).
typealias Run = ProcessOutput

/// Parses stdout as the JSON array `--json` promises.
func jsonArray(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
    let value = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    guard let array = value as? [[String: Any]] else {
        throw HarnessError(description: "stdout is not a JSON array of objects: \(text.prefix(300))")
    }
    return array
}
