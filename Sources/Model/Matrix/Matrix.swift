/// A matrix file, decoded and checked: every axis of the cells to run.
package struct Matrix: Sendable, Equatable {
    package var name: String
    /// The file it came from, as given.
    package var path: String
    /// The fixtures directory, resolved against the matrix file's directory.
    package var fixtures: String
    package var opts: [String]
    package var links: [LinkMode]
    package var flags: FlagSet
    package var limits: RunLimits
    package var exclude: [ExcludeRule]
    package var compilers: [CompilerSpec]
    package var targets: [TargetSpec]
    /// The top-level `sandbox` key: how run steps are sealed.
    package var sandbox: SandboxMode = .auto
    /// `[generate]`: random programs to run instead of the fixtures directory; nil when the matrix has none.
    package var generate: GeneratorSpec? = nil
    /// `[axes.*]`, in `axis_order`: the axes beyond the built-in ones.
    package var axes: [Axis] = []

    package static let defaultTimeout = 60

    package init(
        name: String, path: String, fixtures: String, opts: [String] = ["-O2"], links: [LinkMode] = LinkMode.allCases,
        flags: FlagSet = FlagSet(), limits: RunLimits = RunLimits(), exclude: [ExcludeRule] = [],
        compilers: [CompilerSpec], targets: [TargetSpec]
    ) {
        self.name = name
        self.path = path
        self.fixtures = fixtures
        self.opts = opts
        self.links = links
        self.flags = flags
        self.limits = limits
        self.exclude = exclude
        self.compilers = compilers
        self.targets = targets
    }

    package func target(named name: String) -> TargetSpec? { targets.first(where: { $0.name == name }) }
    package func compiler(named name: String) -> CompilerSpec? { compilers.first(where: { $0.name == name }) }

    /// Top level, then compiler, then target, then compiler-and-target.
    package func flags(compiler: CompilerSpec, target: TargetSpec) -> FlagSet {
        flags.then(compiler.flags).then(target.flags).then(compiler.targets[target.name]?.flags ?? FlagSet())
    }

    package func timeout(compiler: CompilerSpec, target: TargetSpec) -> Int {
        flags(compiler: compiler, target: target).timeout ?? Self.defaultTimeout
    }
}

extension Matrix {
    /// `--timeout S`: one timeout for every step, whatever the matrix says at any level.
    package mutating func overrideTimeout(_ seconds: Int) {
        flags.timeout = seconds
        for i in compilers.indices {
            compilers[i].flags.timeout = nil
            for key in compilers[i].targets.keys { compilers[i].targets[key]?.flags.timeout = nil }
        }
        for i in targets.indices { targets[i].flags.timeout = nil }
    }
}
