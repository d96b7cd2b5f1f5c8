/// One compiler family of the matrix (`[compilers.gcc]`): its drivers and flags, with per-target overrides.
package struct CompilerSpec: Sendable, Equatable {
    package struct TargetOverride: Sendable, Equatable {
        package var cc: String?
        package var cxx: String?
        package var flags: FlagSet
        /// `sysroot = "DIR"` in `[compilers.C.targets.T]`: wins over the target's (absolute).
        package var sysroot: String?

        package init(cc: String? = nil, cxx: String? = nil, flags: FlagSet = FlagSet(), sysroot: String? = nil) {
            self.cc = cc
            self.cxx = cxx
            self.flags = flags
            self.sysroot = sysroot
        }
    }

    package var name: String
    /// A name on PATH or an absolute path.
    package var cc: String
    package var cxx: String
    package var flags: FlagSet
    package var targets: [String: TargetOverride]

    package init(name: String, cc: String, cxx: String, flags: FlagSet = FlagSet(), targets: [String: TargetOverride] = [:]) {
        self.name = name
        self.cc = cc
        self.cxx = cxx
        self.flags = flags
        self.targets = targets
    }

    package func cc(for target: String) -> String { targets[target]?.cc ?? cc }
    package func cxx(for target: String) -> String { targets[target]?.cxx ?? cxx }
}
