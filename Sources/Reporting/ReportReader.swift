import Foundation
import Model

/// Why a report.json could not be read: the file, and for bad JSON where in it.
package struct ReportReadError: Error, Sendable, Equatable, CustomStringConvertible {
    package var file: String
    package var message: String
    package var description: String { "\(file): error: \(message)" }
}

/// Reads report.json files for `compare`, `run --baseline` and `merge`, turning every failure into an error that
/// names the file (and, for malformed JSON, the line and column or the field) instead of a crash.
package enum ReportReader {
    package static func load(_ path: String) throws(ReportReadError) -> Report {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file"
            throw ReportReadError(file: path, message: reason)
        }
        return try decode(data, file: path)
    }

    package static func decode(_ data: Data, file: String) throws(ReportReadError) -> Report {
        if data.isEmpty { throw ReportReadError(file: file, message: "empty file; expected a report.json object") }
        // JSONSerialization first: its syntax errors carry the place; JSONDecoder's type errors carry the field.
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let message = syntaxMessage(error, data: data)
            let place = JSONPlace.of(message: message, in: data)
            throw ReportReadError(file: place.map { "\(file):\($0.line):\($0.column)" } ?? file, message: "not valid JSON: \(message)")
        }
        // Another schema is named as such, before its fields are read as this one's.
        if let version = (parsed as? [String: Any])?["schema_version"] as? Int, version != Report.schemaVersion {
            throw versionError(version, file: file)
        }
        let report: Report
        do {
            report = try JSONDecoder().decode(Report.self, from: data)
        } catch let error as DecodingError {
            throw ReportReadError(file: file, message: "not a toolgate report: \(describe(error))")
        } catch {
            throw ReportReadError(file: file, message: "not a toolgate report: \(error)")
        }
        guard report.schemaVersion == Report.schemaVersion else { throw versionError(report.schemaVersion, file: file) }
        return report
    }

    private static func versionError(_ version: Int, file: String) -> ReportReadError {
        ReportReadError(file: file, message: "schema_version \(version) is not \(Report.schemaVersion), the one this toolgate reads")
    }

    private static func syntaxMessage(_ error: any Error, data: Data) -> String {
        let ns = error as NSError
        if let debug = ns.userInfo[NSDebugDescriptionErrorKey] as? String { return debug }
        if let index = ns.userInfo["NSJSONSerializationErrorIndex"] as? Int { return "error at byte \(index)" }
        return ns.localizedDescription
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, let ctx):
            return "\(path(ctx.codingPath)): expected \(typeName(type)); \(ctx.debugDescription)"
        case .valueNotFound(let type, let ctx):
            return "\(path(ctx.codingPath)): expected \(typeName(type)), found null"
        case .keyNotFound(let key, let ctx):
            return "\(path(ctx.codingPath + [key])): missing"
        case .dataCorrupted(let ctx):
            return "\(path(ctx.codingPath)): \(ctx.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    /// `cells[3].elf.relro`, or `the top level`.
    static func path(_ keys: [any CodingKey]) -> String {
        var out = ""
        for k in keys {
            if let i = k.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + k.stringValue }
        }
        return out.isEmpty ? "the top level" : "'\(out)'"
    }

    private static func typeName(_ type: Any.Type) -> String {
        let name = String(describing: type)
        switch name {
        case "String": return "a string"
        case "Int", "Double": return "a number"
        case "Bool": return "true or false"
        default: return name.hasPrefix("Array") ? "an array" : name.hasPrefix("Dictionary") ? "an object" : name
        }
    }
}

/// Line and column (1-based) of a JSON syntax error: "around character N" (a 0-based byte offset) in the
/// parser's message, or the end of the data for "Unexpected end of file".
enum JSONPlace {
    static func of(message: String, in data: Data) -> (line: Int, column: Int)? {
        if message.contains("end of file") || message.contains("end of data") { return position(of: data.count, in: data) }
        guard let range = message.range(of: "character ") else { return nil }
        let digits = message[range.upperBound...].prefix(while: \.isNumber)
        guard let offset = Int(digits) else { return nil }
        return position(of: min(offset, data.count), in: data)
    }

    static func position(of offset: Int, in data: Data) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for byte in data.prefix(offset) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}
