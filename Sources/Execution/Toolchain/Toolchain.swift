import Model

/// What this machine has for a matrix: resolved commands, their versions, and per compiler-and-target
/// flags toolgate adds itself (the i686 asm/ directory).
package struct Toolchain: Sendable {
    /// Command as written → absolute path; absent when not installed.
    package var resolved: [String: String] = [:]
    /// Command as written → first line of `--version`.
    package var versions: [String: String] = [:]
    /// "compiler/target" → flags added to every compile and link step.
    package var extraFlags: [String: [String]] = [:]
    package var workarounds: [String] = []
    /// How run steps are sealed on this machine (SandboxProbe, once per run); unsealed when nothing probed.
    package var sandbox = SandboxDecision.unsealed
    /// RuntimeProbe: `runtimeKey` → why the cells of that value, compiler and target are skipped.
    package var runtimeGaps: [String: String] = [:]

    package init() {}

    package func path(_ command: String) -> String? { resolved[command] }

    package static func runtimeKey(compiler: String, target: String, label: String) -> String { "\(compiler)/\(target)/\(label)" }

    /// Why the cell is skipped for a missing runtime of one of its values, if it is.
    package func runtimeGap(_ cell: Cell) -> String? {
        let gaps = cell.choices.compactMap { runtimeGaps[Self.runtimeKey(compiler: cell.compiler.name, target: cell.target.name, label: $0.label)] }
        return gaps.isEmpty ? nil : gaps.joined(separator: "; ")
    }

    package func extra(compiler: String, target: String) -> [String] { extraFlags["\(compiler)/\(target)"] ?? [] }

    /// Metadata entries: every driver of every compiler for every target.
    package func tools(for matrix: Matrix) -> (compilers: [RunMetadata.Tool], runners: [RunMetadata.Tool]) {
        var compilers: [RunMetadata.Tool] = []
        for c in matrix.compilers {
            for t in matrix.targets {
                for (role, command) in [("cc", c.cc(for: t.name)), ("cxx", c.cxx(for: t.name))] {
                    compilers.append(RunMetadata.Tool(
                        compiler: c.name, target: t.name, role: role, command: command,
                        path: resolved[command], version: versions[command]))
                }
            }
        }
        let runners = matrix.targets.compactMap { t -> RunMetadata.Tool? in
            guard let command = t.runner.first else { return nil }
            return RunMetadata.Tool(
                compiler: "", target: t.name, role: "runner", command: t.runner.joined(separator: " "),
                path: resolved[command], version: versions[command])
        }
        return (compilers, runners)
    }
}
