import Foundation
import Model

/// Reads report.json for the commands that take reports as input (`merge`), turning every failure into a
/// message that names the file and the place in it, never a crash.
package enum ReportReader {
    package struct Failure: Error, CustomStringConvertible {
        package var file: String
        /// `line:column` (1-based) when the JSON itself is broken.
        package var location: String? = nil
        package var detail: String
        package var description: String { "\(file)\(location.map { ":" + $0 } ?? ""): error: \(detail)" }
    }

    package static func read(_ path: String) throws(Failure) -> Report {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw Failure(file: path, detail: "cannot read the report: \(reason(error))")
        }
        let report: Report
        do {
            report = try JSONDecoder().decode(Report.self, from: data)
        } catch let error as DecodingError {
            if let syntax = JSONSyntaxError.locate(in: data) {
                throw Failure(file: path, location: syntax.location, detail: "malformed report: not valid JSON: \(syntax.message)")
            }
            throw Failure(file: path, detail: "malformed report: " + describe(error))
        } catch {
            throw Failure(file: path, detail: "malformed report: \(reason(error))")
        }
        guard report.schemaVersion == Report.schemaVersion else {
            throw Failure(file: path, detail: "schema_version \(report.schemaVersion) is not \(Report.schemaVersion), the one this toolgate reads")
        }
        return report
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "missing '\(key.stringValue)' at \(place(context.codingPath))"
        case .typeMismatch(let type, let context):
            return "at \(place(context.codingPath)): expected \(type): \(context.debugDescription)"
        case .valueNotFound(let type, let context):
            return "at \(place(context.codingPath)): expected \(type), found null"
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { " (\(reason($0)))" } ?? ""
            return "at \(place(context.codingPath)): \(context.debugDescription)\(underlying)"
        @unknown default:
            return "\(error)"
        }
    }

    /// `cells[3].status`; `the top level` for an empty path.
    static func place(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let i = key.intValue { text += "[\(i)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
        return text.isEmpty ? "the top level" : text
    }

    private static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if let debug = ns.userInfo["NSDebugDescription"] as? String { return debug }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError { return underlying.localizedDescription }
        return ns.localizedDescription
    }
}
