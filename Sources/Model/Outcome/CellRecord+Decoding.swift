import ELFFacts

/// Only the cell's identity (id, fixture, compiler, target, link, opt) and its status are required; every
/// other field takes its default when absent (KeyedDecodingContainer.decode(_:forKey:default:)).
/// A new field must be read here too: a new Optional stored property would otherwise stay nil on reading.
extension CellRecord {
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            fixture: try c.decode(String.self, forKey: .fixture), compiler: try c.decode(String.self, forKey: .compiler),
            target: try c.decode(String.self, forKey: .target), link: try c.decode(String.self, forKey: .link),
            opt: try c.decode(String.self, forKey: .opt), status: try c.decode(CellStatus.self, forKey: .status),
            reason: try c.decodeIfPresent(String.self, forKey: .reason))
        id = try c.decode(String.self, forKey: .id)
        exitCode = try c.decodeIfPresent(Int.self, forKey: .exitCode)
        signal = try c.decodeIfPresent(String.self, forKey: .signal)
        stdout = try c.decode(forKey: .stdout, default: "")
        stderr = try c.decode(forKey: .stderr, default: "")
        commands = try c.decode(forKey: .commands, default: [])
        durationMs = try c.decode(forKey: .durationMs, default: 0)
        elf = try c.decodeIfPresent(ELFFacts.self, forKey: .elf)
        violations = try c.decode(forKey: .violations, default: [])
        notes = try c.decode(forKey: .notes, default: [])
        log = try c.decodeIfPresent(String.self, forKey: .log)
        stdoutChecked = try c.decodeIfPresent(Bool.self, forKey: .stdoutChecked)
        perTargetStdout = try c.decodeIfPresent(Bool.self, forKey: .perTargetStdout)
        attempts = try c.decodeIfPresent([RunAttempt].self, forKey: .attempts)
        resolution = try c.decodeIfPresent([ResolutionProblem].self, forKey: .resolution)
        loaded = try c.decodeIfPresent([LoadedObject].self, forKey: .loaded)
        sandbox = try c.decodeIfPresent(String.self, forKey: .sandbox)
        checksum = try c.decodeIfPresent(String.self, forKey: .checksum)
        axes = try c.decodeIfPresent([String: String].self, forKey: .axes)
        expectations = try c.decodeIfPresent([AppliedExpectation].self, forKey: .expectations)
    }
}
