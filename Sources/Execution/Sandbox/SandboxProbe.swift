import ELFInspection
import Foundation
import Model

/// Decides once per run whether bubblewrap works here, by starting the smallest sandbox of the same
/// shape the run steps use (PID and network namespaces, read-only root, /proc, /dev, a tmpfs /tmp).
package enum SandboxProbe {
    /// `TOOLGATE_BWRAP=PATH` names the bubblewrap executable (default: `bwrap` on PATH).
    package static let bwrapVariable = "TOOLGATE_BWRAP"

    /// `store`: the build cache's probe answers. A bubblewrap that worked is not tried again while its file,
    /// the boot (a new kernel) and the namespace limits stay the same; one that failed is tried every run.
    package static func probe(matrix: Matrix, workDir: String, store: ProbeAnswerStore? = nil) async -> SandboxDecision {
        let mode = matrix.sandbox
        guard mode != .none else { return SandboxDecision(mode: .none) }
        let named = ProcessInfo.processInfo.environment[bwrapVariable] ?? "bwrap"
        let problem: String
        if let bwrap = ExecutableLookup.resolve(named) {
            let dir = workDir + "/probes"
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let argv = [bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
                        "--unshare-pid", "--unshare-net", "--die-with-parent", "--", "true"]
            let key = ProbeAnswerStore.key("bwrap", argv + [ProbeAnswerStore.resolvedExecutable(bwrap) ?? ""] + namespaceSettings())
            var works = store?.load(key) == "works"
            var result = StepResult(exitCode: 0, signal: nil, timedOut: false, durationMs: 0)
            if !works {
                result = await ProcessRunner.run(StepRequest(
                    argv: argv, cwd: dir, env: ["LC_ALL": "C"], timeoutSeconds: 10,
                    stdoutPath: dir + "/bwrap.out", stderrPath: dir + "/bwrap.err"))
                works = result.succeeded
                if works, let file = ProbeAnswerStore.resolvedExecutable(bwrap) { store?.save("works", key: key, files: [file]) }
            }
            if works {
                var decision = SandboxDecision(mode: mode, bwrap: bwrap)
                decision.runnerBindings = await runnerBindings(matrix, dir: dir, store: store)
                return decision
            }
            let said = CapturedOutput.read(dir + "/bwrap.err", cap: 2048).split(separator: "\n").first.map(String.init)
            problem = "'\(bwrap)' cannot make a sandbox here (\(result.timedOut ? "timed out" : said ?? "exit \(result.exitCode ?? -1)"))"
        } else {
            problem = "'\(named)' is not installed" + DebianPackages.hint(for: "bwrap")
        }
        if mode == .bwrap {
            return SandboxDecision(mode: mode, error: "sandbox = \"bwrap\" but \(problem)")
        }
        return SandboxDecision(mode: mode, warning: "run steps are not sandboxed: \(problem)")
    }

    /// Each distinct runner of a target with a sysroot: its loader and libraries, from its loader's `--list`.
    static func runnerBindings(_ matrix: Matrix, dir: String, store: ProbeAnswerStore? = nil) async -> [String: RunnerBinding] {
        var out: [String: RunnerBinding] = [:]
        for (i, t) in matrix.targets.enumerated() {
            guard let command = t.runner.first, out[command] == nil, let path = ExecutableLookup.resolve(command) else { continue }
            let key = runnerKey(command: command, path: path)
            if let known = store?.load(key).flatMap({ RunnerBinding(answer: $0, executable: path) }) {
                out[command] = known
                continue
            }
            guard let binding = await runnerBinding(path: path, dir: dir, index: i) else { continue }
            out[command] = binding
            // What the loader read: the runner, itself, the libraries it mapped and the cache it found them by.
            let files = [path] + (binding.loader.map { [$0] } ?? []) + binding.libraries
                + (FileManager.default.fileExists(atPath: "/etc/ld.so.cache") ? ["/etc/ld.so.cache"] : [])
            store?.save(binding.answer, key: key, files: files)
        }
        return out
    }

    /// A runner's key in ProbeAnswerStore: its name, the file it reaches and the variable that moves libraries.
    static func runnerKey(command: String, path: String) -> String {
        ProbeAnswerStore.key("runner-libraries", [command, path, "LD_LIBRARY_PATH=\(ProcessInfo.processInfo.environment["LD_LIBRARY_PATH"] ?? "\u{1}")"])
    }

    /// The kernel's and the system's say in whether a sandbox can be made: a reboot (a new kernel) or a
    /// changed namespace limit asks bubblewrap again.
    static func namespaceSettings() -> [String] {
        ["/proc/sys/kernel/random/boot_id", "/proc/sys/user/max_user_namespaces", "/proc/sys/user/max_pid_namespaces",
         "/proc/sys/user/max_net_namespaces", "/proc/sys/kernel/unprivileged_userns_clone"].map { file in
            let value = (try? String(contentsOfFile: file, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            return "\(file)=\(value ?? "\u{1}")"
        } + ["uid=\(getuid())"]
    }

    /// One runner's loader and libraries, from its loader's `--list`; nil when it cannot say.
    private static func runnerBinding(path: String, dir: String, index i: Int) async -> RunnerBinding? {
        guard case .facts(let facts) = ELFInspector.inspect(path: path) else { return nil }
        guard let loader = facts.interpreter else { return RunnerBinding(executable: path, loader: nil, libraries: []) }
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let listing = "\(dir)/runner-\(i).list"
        let result = await ProcessRunner.run(StepRequest(
            argv: [loader, "--list", path], cwd: dir, timeoutSeconds: 10, stdoutPath: listing, stderrPath: listing + ".err"))
        guard result.succeeded else { return nil }
        return RunnerBinding(executable: path, loader: loader, libraries: libraries(fromList: CapturedOutput.read(listing)))
    }

    /// "\tlibz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x...)" → the path.
    static func libraries(fromList text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            guard let arrow = line.range(of: " => ") else { return nil }
            let path = line[arrow.upperBound...].split(separator: " ").first.map(String.init)
            return path.flatMap { $0.hasPrefix("/") ? $0 : nil }
        }
    }
}

extension RunnerBinding {
    /// As ProbeAnswerStore keeps it: the loader ("" for none) on the first line, a library a line after it.
    var answer: String { ([loader ?? ""] + libraries).joined(separator: "\n") }

    init?(answer: String, executable: String) {
        let lines = answer.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.first, lines.dropFirst().allSatisfy({ $0.hasPrefix("/") }) else { return nil }
        self.init(executable: executable, loader: first.isEmpty ? nil : first, libraries: Array(lines.dropFirst()))
    }
}
