import Foundation
import Model

/// Finds every command a matrix names, asks each for its version, and works around known pitfalls.
package enum ToolchainProbe {
    package static func probe(matrix: Matrix, workDir: String) async -> Toolchain {
        var toolchain = Toolchain()
        var commands: [String] = []
        for c in matrix.compilers {
            for t in matrix.targets { commands += [c.cc(for: t.name), c.cxx(for: t.name)] }
        }
        commands += matrix.targets.compactMap(\.runner.first)
        let probeDir = workDir + "/probes"
        try? FileManager.default.createDirectory(atPath: probeDir, withIntermediateDirectories: true)
        for (i, command) in commands.enumerated() where toolchain.resolved[command] == nil {
            guard let path = ExecutableLookup.resolve(command) else { continue }
            toolchain.resolved[command] = path
            toolchain.versions[command] = await version(of: command, dir: probeDir, index: i)
        }
        for c in matrix.compilers {
            for t in matrix.targets where t.machine == "i386" {
                let cc = c.cc(for: t.name)
                guard toolchain.resolved[cc] != nil else { continue }
                let flags = matrix.flags(compiler: c, target: t).cflags
                if let fix = await I686AsmWorkaround.apply(cc: cc, cflags: flags, workDir: workDir) {
                    toolchain.extraFlags["\(c.name)/\(t.name)"] = fix.flags
                    toolchain.workarounds.append("\(c.name)/\(t.name): \(fix.explanation)")
                }
            }
        }
        return toolchain
    }

    /// First line of `command --version`, or nil when it will not say.
    package static func version(of command: String, dir: String, index: Int) async -> String? {
        let out = "\(dir)/version-\(index).out"
        let result = await ProcessRunner.run(StepRequest(
            argv: [command, "--version"], cwd: dir, env: ["LC_ALL": "C"], timeoutSeconds: 10,
            stdoutPath: out, stderrPath: "\(dir)/version-\(index).err"))
        guard result.launchError == nil else { return nil }
        let text = CapturedOutput.read(out, cap: 4096)
        return text.split(separator: "\n").first.map(String.init)
    }
}
