import Model

/// What both runs were: host and toolchains, for the header of every comparison format.
package enum ComparisonHeader {
    package static func host(_ m: RunMetadata) -> String {
        "\(m.host.hostname) (\(m.host.machine), \(m.host.cores) cores, \(m.host.kernel))"
    }

    /// `gcc/x86_64 cc: gcc (Debian 12.2.0-14) 12.2.0`, one per driver; `not installed` when absent.
    package static func toolchains(_ m: RunMetadata) -> [String] {
        m.compilers.map { t in "\(t.compiler)/\(t.target) \(t.role): \(t.command) — \(t.version ?? "not installed")" }
    }
}
