import Foundation
import Model

/// Finds every command a matrix names, asks each for its version, and works around known pitfalls.
package enum ToolchainProbe {
    /// `answers`: the build cache's store of what tools answered (ToolAnswers): a command whose file has
    /// not changed since a run that asked it is not asked again. `probes`: its store of the other probes'
    /// answers (ProbeAnswerStore: the sandbox, the i686 workaround, the runtimes), kept with the files
    /// each rests on; with both, a warm run of unchanged tools starts no probe at all.
    package static func probe(
        matrix: Matrix, workDir: String, answers: ToolAnswerStore? = nil, probes: ProbeAnswerStore? = nil
    ) async -> Toolchain {
        var toolchain = Toolchain()
        var commands: [String] = []
        for c in matrix.compilers {
            for t in matrix.targets { commands += [c.cc(for: t.name), c.cxx(for: t.name)] }
        }
        commands += matrix.targets.compactMap(\.runner.first)
        let probeDir = workDir + "/probes"
        try? FileManager.default.createDirectory(atPath: probeDir, withIntermediateDirectories: true)
        var unique: [String] = []
        for command in commands where !unique.contains(command) {
            guard let path = ExecutableLookup.resolve(command) else { continue }
            toolchain.resolved[command] = path
            unique.append(command)
        }
        // Versions, the sandbox probe and the i686 probes need nothing from each other: all at once, so
        // that a run (a warm one above all, whose versions come from the answers store) waits for the
        // slowest of them, not for their sum. Only the runtime probes wait, for the i686 workaround.
        async let sandbox = SandboxProbe.probe(matrix: matrix, workDir: workDir, store: probes)
        var asmProbes: [(String, String, [String])] = []
        for c in matrix.compilers {
            for t in matrix.targets where t.machine == "i386" && toolchain.resolved[c.cc(for: t.name)] != nil {
                asmProbes.append(("\(c.name)/\(t.name)", c.cc(for: t.name), matrix.flags(compiler: c, target: t).cflags))
            }
        }
        let asmList = asmProbes
        async let asmFixes = withTaskGroup(of: (Int, I686AsmWorkaround.Fix?).self) { group in
            for (i, probe) in asmList.enumerated() {
                group.addTask { (i, await I686AsmWorkaround.apply(cc: probe.1, cflags: probe.2, workDir: workDir, tag: "\(i)", store: probes)) }
            }
            var out: [Int: I686AsmWorkaround.Fix] = [:]
            for await (i, fix) in group { out[i] = fix }
            return out
        }
        let commandList = unique
        let versions = await withTaskGroup(of: (String, String?).self) { group in
            for (i, command) in commandList.enumerated() {
                group.addTask { (command, await version(of: command, dir: probeDir, index: i, answers: answers)) }
            }
            var out: [String: String] = [:]
            for await (command, v) in group { out[command] = v }
            return out
        }
        toolchain.versions = versions
        let fixes = await asmFixes
        for (i, probe) in asmProbes.enumerated() {
            guard let fix = fixes[i] else { continue }
            toolchain.extraFlags[probe.0] = fix.flags
            toolchain.workarounds.append("\(probe.0): \(fix.explanation)")
        }
        // After the i686 workaround: the runtime probes link as the cells will.
        toolchain.runtimeGaps = await RuntimeProbe.run(matrix: matrix, toolchain: toolchain, workDir: workDir, store: probes)
        toolchain.sandbox = await sandbox
        return toolchain
    }

    /// First line of `command --version`, or nil when it will not say; from `answers` when it has it.
    package static func version(of command: String, dir: String, index: Int, answers: ToolAnswerStore? = nil) async -> String? {
        let key = answers == nil ? nil : ToolAnswerStore.key(.version, command: command, flags: [], env: ProcessInfo.processInfo.environment)
        if let answers, let key, let known = answers.load(key) { return known.version }
        let line = await askVersion(of: command, dir: dir, index: index)
        if let answers, let key, let line { answers.save(ToolAnswers(version: line, programs: [:]), key: key) }
        return line
    }

    private static func askVersion(of command: String, dir: String, index: Int) async -> String? {
        let out = "\(dir)/version-\(index).out"
        let result = await ProcessRunner.run(StepRequest(
            argv: [command, "--version"], cwd: dir, env: ["LC_ALL": "C"], timeoutSeconds: 10,
            stdoutPath: out, stderrPath: "\(dir)/version-\(index).err"))
        guard result.launchError == nil else { return nil }
        let text = CapturedOutput.read(out, cap: 4096)
        return text.split(separator: "\n").first.map(String.init)
    }
}
