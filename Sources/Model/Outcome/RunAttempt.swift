/// One run of a cell's run step, kept when `toolgate run --repeat N` ran it more than once.
package struct RunAttempt: Sendable, Codable, Equatable {
    /// The longest stdout or stderr excerpt an attempt keeps; the cell's log has the cell's full output.
    package static let excerptCap = 2048

    package var status: CellStatus
    package var reason: String?
    package var exitCode: Int?
    package var signal: String?
    package var stdout: String
    package var stderr: String
    package var durationMs: Int

    package init(
        status: CellStatus, reason: String?, exitCode: Int?, signal: String?, stdout: String, stderr: String, durationMs: Int
    ) {
        self.status = status
        self.reason = reason
        self.exitCode = exitCode
        self.signal = signal
        self.stdout = Self.excerpt(stdout)
        self.stderr = Self.excerpt(stderr)
        self.durationMs = durationMs
    }

    enum CodingKeys: String, CodingKey {
        case status, reason
        case exitCode = "exit_code"
        case signal, stdout, stderr
        case durationMs = "duration_ms"
    }

    /// The first `excerptCap` characters, with a note when there was more.
    package static func excerpt(_ text: String) -> String {
        guard text.count > excerptCap else { return text }
        return String(text.prefix(excerptCap)) + "\n[toolgate: excerpt cut at \(excerptCap) characters]\n"
    }
}
