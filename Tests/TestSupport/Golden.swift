import Foundation
import Testing

/// A committed file the code's output must equal (a golden). With the record variable set (by default
/// TOOLGATE_RECORD_GOLDEN) the file is rewritten from the output and the test fails all the same, saying
/// so: a run in record mode never passes, so CI cannot go green while recording.
public enum Golden {
    public static let defaultVariable = "TOOLGATE_RECORD_GOLDEN"

    /// Compares `actual` with the file at `path` (an expectation that names the variable to re-record
    /// with), or in record mode rewrites the file and records an issue. Returns the file's bytes as they
    /// are now, for checks of the committed file itself. `environment` is the process's own but in the
    /// tests of this helper.
    @discardableResult
    public static func check(
        _ actual: Data, against path: String, recordWith variable: String = defaultVariable,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Data {
        let name = (path as NSString).lastPathComponent
        if environment[variable] != nil {
            let before = FileManager.default.contents(atPath: path)
            try actual.write(to: URL(fileURLWithPath: path), options: .atomic)
            let what = before == nil ? "a new file" : before == actual ? "no change" : "CHANGED"
            Issue.record(
                "\(variable) is set: rewrote \(path) (\(what)); review the diff, then run again without \(variable)",
                sourceLocation: sourceLocation)
            return actual
        }
        let committed = try Data(contentsOf: URL(fileURLWithPath: path))
        let differs: Comment = "\(name) differs; re-record with \(variable)=1 if the change is intended"
        // As text where both are, so a failure shows the two texts rather than two byte counts.
        if let actualText = String(data: actual, encoding: .utf8), let committedText = String(data: committed, encoding: .utf8),
            actualText != committedText
        {
            #expect(actualText == committedText, differs, sourceLocation: sourceLocation)
        } else {
            #expect(actual == committed, differs, sourceLocation: sourceLocation)
        }
        return committed
    }

    @discardableResult
    public static func check(
        _ actual: String, against path: String, recordWith variable: String = defaultVariable,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Data {
        try check(Data(actual.utf8), against: path, recordWith: variable, environment: environment, sourceLocation: sourceLocation)
    }
}
