import ELFFacts

/// Only `status` is required. The excerpts are read as written (the writer already cut them).
extension RunAttempt {
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        status = try c.decode(CellStatus.self, forKey: .status)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        exitCode = try c.decodeIfPresent(Int.self, forKey: .exitCode)
        signal = try c.decodeIfPresent(String.self, forKey: .signal)
        stdout = try c.decode(forKey: .stdout, default: "")
        stderr = try c.decode(forKey: .stderr, default: "")
        durationMs = try c.decode(forKey: .durationMs, default: 0)
    }
}
