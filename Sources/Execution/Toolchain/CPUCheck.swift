import Foundation
import Model

/// A target's `cpu` checked against the emulator that will run it: `qemu-aarch64 -cpu help` lists the
/// names this qemu knows (they change between qemu versions, so the list comes from the installed one).
/// Asked at run start and by `doctor`, never while parsing: a matrix must parse where qemu is absent.
package enum CPUCheck {
    /// A located matrix error for every `cpu` its emulator does not list. A missing emulator is not
    /// reported here: its cells are `skipped` with the package to install, as for any missing runner.
    /// `store`: answers of earlier runs (the build cache's probes/): an emulator that has not changed is not asked.
    package static func problems(matrix: Matrix, dir: String, store: ProbeAnswerStore? = nil) async -> [MatrixError] {
        var out: [MatrixError] = []
        for (i, t) in matrix.targets.enumerated() {
            guard let cpu = t.cpu, let emulator = t.runner.first, ExecutableLookup.resolve(emulator) != nil else { continue }
            guard let known = await knownCPUs(emulator: emulator, dir: dir, tag: "\(i)", store: store) else { continue }
            if known.contains(cpu.model) { continue }
            var message = "unknown cpu '\(cpu.model)' for \(emulator) in [targets.\(t.name)]"
            if let near = EditDistance.nearest(to: cpu.model, in: known) { message += "; did you mean '\(near)'?" }
            message += " ('\(emulator) -cpu help' lists \(known.count): \(known.prefix(12).joined(separator: ", "))\(known.count > 12 ? ", ..." : ""))"
            out.append(MatrixError(path: matrix.path, location: cpu.location, message: message))
        }
        return out
    }

    /// The CPU names `EMULATOR -cpu help` prints; nil when it will not run or lists none.
    package static func knownCPUs(emulator: String, dir: String, tag: String, store: ProbeAnswerStore? = nil) async -> [String]? {
        let resolved = ProbeAnswerStore.resolvedExecutable(emulator)
        let key = storeKey(emulator: emulator)
        if let store, let known = store.load(key) { return known.split(separator: "\n").map(String.init) }
        let names = await askCPUs(emulator: emulator, dir: dir, tag: tag)
        if let store, let names, let resolved { store.save(names.joined(separator: "\n"), key: key, files: [resolved]) }
        return names
    }

    /// The emulator's key in ProbeAnswerStore: how it is named and the file that name reaches.
    static func storeKey(emulator: String) -> String {
        ProbeAnswerStore.key("cpu-help", [emulator, ProbeAnswerStore.resolvedExecutable(emulator) ?? ""])
    }

    private static func askCPUs(emulator: String, dir: String, tag: String) async -> [String]? {
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let out = "\(dir)/cpu-help-\(tag).out"
        let result = await ProcessRunner.run(StepRequest(
            argv: [emulator, "-cpu", "help"], cwd: dir, env: ["LC_ALL": "C"], timeoutSeconds: 10,
            stdoutPath: out, stderrPath: "\(dir)/cpu-help-\(tag).err"))
        // qemu 7.2 exits 1 after printing the list: the list, not the status, is the answer.
        guard result.launchError == nil, !result.timedOut else { return nil }
        let names = parseHelp(CapturedOutput.read(out, cap: 256 * 1024))
        return names.isEmpty ? nil : names
    }

    /// The names under "Available CPUs:", up to the first blank line or the next heading. aarch64 lists
    /// "  cortex-a72", x86 "x86 Skylake-Client  Intel Core Processor (Skylake)".
    package static func parseHelp(_ text: String) -> [String] {
        var names: [String] = []
        var inList = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if !inList {
                inList = line.hasPrefix("Available CPUs")
                continue
            }
            guard let first = words.first, !line.hasSuffix(":") else { break }
            let name = first == "x86" && words.count > 1 ? words[1] : first
            if !names.contains(name) { names.append(name) }
        }
        return names
    }
}
