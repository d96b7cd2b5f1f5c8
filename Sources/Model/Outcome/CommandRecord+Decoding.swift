import ELFFacts

/// Only `step` is required; every other field takes its default when absent (docs/report-schema.md).
extension CommandRecord {
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            step: try c.decode(Step.self, forKey: .step), argv: try c.decode(forKey: .argv, default: []),
            cwd: try c.decode(forKey: .cwd, default: ""), env: try c.decode(forKey: .env, default: [:]),
            limits: try c.decode(forKey: .limits, default: []), exitCode: try c.decodeIfPresent(Int.self, forKey: .exitCode),
            signal: try c.decodeIfPresent(String.self, forKey: .signal), timedOut: try c.decode(forKey: .timedOut, default: false),
            durationMs: try c.decode(forKey: .durationMs, default: 0), stdout: try c.decode(forKey: .stdout, default: ""),
            stderr: try c.decode(forKey: .stderr, default: ""))
        cache = try c.decodeIfPresent(CacheUse.self, forKey: .cache)
    }
}
