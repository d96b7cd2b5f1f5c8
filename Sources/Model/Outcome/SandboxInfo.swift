/// report.json's `metadata.sandbox`: how this run's run steps were sealed.
package struct SandboxInfo: Sendable, Codable, Equatable {
    /// The matrix's `sandbox` key: "auto", "bwrap" or "none".
    package var mode: String
    /// What the run used: "bwrap" or "none".
    package var used: String
    /// The bubblewrap executable, when used.
    package var bwrap: String?
    /// Why `auto` fell back to no sandbox.
    package var warning: String?

    package init(mode: String, used: String, bwrap: String? = nil, warning: String? = nil) {
        self.mode = mode
        self.used = used
        self.bwrap = bwrap
        self.warning = warning
    }
}
