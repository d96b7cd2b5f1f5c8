/// The top-level `sandbox` key: how run steps are sealed (docs/sysroot.md, "The sandbox").
package enum SandboxMode: String, Sendable, Equatable, Codable, CaseIterable {
    /// bubblewrap where it works on this machine (probed once per run), else no sandbox and a warning.
    case auto
    /// bubblewrap required: a run that cannot sandbox is an error (exit 2).
    case bwrap
    /// No sandbox: run steps run on the host, as before.
    case none
}
