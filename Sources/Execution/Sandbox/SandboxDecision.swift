import Model

/// What the once-per-run probe decided: whether run steps go through bubblewrap, and what to say about it.
package struct SandboxDecision: Sendable, Equatable {
    package var mode: SandboxMode
    /// The bubblewrap executable when run steps are sealed; nil runs them on the host.
    package var bwrap: String?
    /// `auto` fell back to no sandbox: printed on stderr and kept in the report's metadata.
    package var warning: String?
    /// `bwrap` was required and cannot work here: the run is an error (exit 2).
    package var error: String?
    /// Host executables a foreign target's runner needs inside a sysroot sandbox, by runner command.
    package var runnerBindings: [String: RunnerBinding] = [:]

    package init(mode: SandboxMode, bwrap: String? = nil, warning: String? = nil, error: String? = nil) {
        self.mode = mode
        self.bwrap = bwrap
        self.warning = warning
        self.error = error
    }

    /// No probe ran (tests that build a `Toolchain` by hand): run steps on the host.
    package static let unsealed = SandboxDecision(mode: .none)

    package var sealed: Bool { bwrap != nil }

    package var info: SandboxInfo {
        SandboxInfo(mode: mode.rawValue, used: sealed ? "bwrap" : "none", bwrap: bwrap, warning: warning)
    }
}

/// A host program (qemu-user) reachable inside a sandbox whose root is a sysroot: the executable, its
/// loader and its libraries are bound under `/.toolgate/host/`, and it is started through that loader
/// (`/.toolgate/host/ld.so --library-path /.toolgate/host/lib /.toolgate/host/qemu-aarch64 ...`), so
/// nothing of the host appears at the sysroot's own paths.
package struct RunnerBinding: Sendable, Equatable {
    /// The runner's absolute host path.
    package var executable: String
    /// Its PT_INTERP on the host; nil for a static executable.
    package var loader: String?
    /// Every library its loader maps, as host paths.
    package var libraries: [String]

    package init(executable: String, loader: String?, libraries: [String]) {
        self.executable = executable
        self.loader = loader
        self.libraries = libraries
    }

    package static let hostDir = "/.toolgate/host"
}
