import Foundation

/// Where a file stops being JSON. JSONDecoder only says "not valid JSON"; JSONSerialization says "around
/// character N" (a byte offset) or "end of file", which this turns into a `line:column`.
struct JSONSyntaxError {
    var location: String
    var message: String

    /// Nil when the data parses as JSON (the problem is then its shape, which DecodingError locates).
    static func locate(in data: Data) -> JSONSyntaxError? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            let message = ((error as NSError).userInfo["NSDebugDescription"] as? String) ?? error.localizedDescription
            let offset = characterOffset(in: message) ?? data.count
            return JSONSyntaxError(location: lineAndColumn(of: min(offset, data.count), in: data), message: message)
        }
    }

    /// N of "... around character N.", else nil.
    static func characterOffset(in message: String) -> Int? {
        guard let range = message.range(of: "character ") else { return nil }
        return Int(message[range.upperBound...].prefix { $0.isNumber })
    }

    /// 1-based line and column (in bytes) of a byte offset.
    static func lineAndColumn(of offset: Int, in data: Data) -> String {
        var line = 1, column = 1
        for byte in data.prefix(offset) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return "\(line):\(column)"
    }
}
