/// One process a cell ran, exactly: enough for `toolgate repro` to redo it.
package struct CommandRecord: Sendable, Codable, Equatable {
    package enum Step: String, Sendable, Codable {
        case probe, compile, link, run
    }
    package var step: Step
    package var argv: [String]
    package var cwd: String
    /// Variables set on top of toolgate's own environment.
    package var env: [String: String]
    /// For run steps: the resource limits (the `prlimit` flags) it ran under.
    package var limits: [String]
    package var exitCode: Int?
    package var signal: String?
    package var timedOut: Bool
    package var durationMs: Int
    /// Capped; the full text is in the cell's log.
    package var stdout: String
    package var stderr: String
    /// Compile and link steps of a run with the build cache: whether the output came from it. Absent with
    /// `--no-cache`, for run steps, and in older reports.
    package var cache: CacheUse?

    package init(
        step: Step, argv: [String], cwd: String, env: [String: String] = [:], limits: [String] = [],
        exitCode: Int? = nil, signal: String? = nil, timedOut: Bool = false, durationMs: Int = 0,
        stdout: String = "", stderr: String = ""
    ) {
        self.step = step
        self.argv = argv
        self.cwd = cwd
        self.env = env
        self.limits = limits
        self.exitCode = exitCode
        self.signal = signal
        self.timedOut = timedOut
        self.durationMs = durationMs
        self.stdout = stdout
        self.stderr = stderr
    }

    enum CodingKeys: String, CodingKey {
        case step, argv, cwd, env, limits
        case exitCode = "exit_code"
        case signal
        case timedOut = "timed_out"
        case durationMs = "duration_ms"
        case stdout, stderr, cache
    }

    /// Exited 0, no signal, no timeout.
    package var succeeded: Bool { exitCode == 0 && signal == nil && !timedOut }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(step, forKey: .step)
        try c.encode(argv, forKey: .argv)
        try c.encode(cwd, forKey: .cwd)
        try c.encode(env, forKey: .env)
        try c.encode(limits, forKey: .limits)
        try c.encode(exitCode, forKey: .exitCode)
        try c.encode(signal, forKey: .signal)
        try c.encode(timedOut, forKey: .timedOut)
        try c.encode(durationMs, forKey: .durationMs)
        try c.encode(stdout, forKey: .stdout)
        try c.encode(stderr, forKey: .stderr)
        try c.encodeIfPresent(cache, forKey: .cache)
    }
}

/// `hit`: restored from the cache, nothing ran; `miss`: ran, and stored when it succeeded;
/// `uncacheable`: ran, never stored (docs/runner.md lists why a step is refused).
package enum CacheUse: String, Sendable, Codable {
    case hit, miss, uncacheable
}
