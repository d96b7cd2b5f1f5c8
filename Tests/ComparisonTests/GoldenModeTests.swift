import Foundation
import Testing

/// TestSupport's Golden: a match passes, a difference fails, and record mode rewrites the file and still
/// fails, so a run with TOOLGATE_RECORD_GOLDEN (or _CORPUS) set can never pass.
@Suite struct GoldenModeTests {
    static let recording = ["TOOLGATE_RECORD_GOLDEN": "1"]

    @Test func aMatchPassesAndADifferenceFails() throws {
        let dir = try TempDir()
        let path = try dir.write("golden.txt", "old\n")
        let same = try Golden.check("old\n", against: path, environment: [:])
        #expect(same == Data("old\n".utf8))
        withKnownIssue("a difference is an expectation that fails") {
            try Golden.check("new\n", against: path, environment: [:])
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n", "checking never writes")
    }

    @Test func recordModeRewritesTheFileAndFails() throws {
        let dir = try TempDir()
        let path = try dir.write("golden.txt", "old\n")
        try withKnownIssue("record mode fails even though it wrote the golden") {
            try Golden.check("new\n", against: path, environment: Self.recording)
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("rewrote \(path) (CHANGED)") }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
        // Unchanged output still fails in record mode: CI must never go green while recording.
        try withKnownIssue {
            try Golden.check("new\n", against: path, environment: Self.recording)
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("(no change)") }
        }
        // The variable is the caller's: another one set leaves this golden in check mode.
        let checked = try Golden.check("new\n", against: path, environment: ["TOOLGATE_RECORD_CORPUS": "1"])
        #expect(checked == Data("new\n".utf8))
    }

    @Test func recordModeWritesAMissingGolden() throws {
        let dir = try TempDir()
        let path = dir.path("fresh.json")
        try withKnownIssue {
            try Golden.check(Data("{}\n".utf8), against: path, recordWith: "TOOLGATE_RECORD_CORPUS", environment: ["TOOLGATE_RECORD_CORPUS": ""])
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("a new file") }
        }
        #expect(FileManager.default.contents(atPath: path) == Data("{}\n".utf8))
        // Without record mode a missing golden is an error, not a pass.
        #expect(throws: (any Error).self) { try Golden.check("x", against: dir.path("none.txt"), environment: [:]) }
    }
}
