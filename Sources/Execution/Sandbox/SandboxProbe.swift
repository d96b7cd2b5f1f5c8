import ELFInspection
import Foundation
import Model

/// Decides once per run whether bubblewrap works here, by starting the smallest sandbox of the same
/// shape the run steps use (PID and network namespaces, read-only root, /proc, /dev, a tmpfs /tmp).
package enum SandboxProbe {
    /// `TOOLGATE_BWRAP=PATH` names the bubblewrap executable (default: `bwrap` on PATH).
    package static let bwrapVariable = "TOOLGATE_BWRAP"

    package static func probe(matrix: Matrix, workDir: String) async -> SandboxDecision {
        let mode = matrix.sandbox
        guard mode != .none else { return SandboxDecision(mode: .none) }
        let named = ProcessInfo.processInfo.environment[bwrapVariable] ?? "bwrap"
        let problem: String
        if let bwrap = ExecutableLookup.resolve(named) {
            let dir = workDir + "/probes"
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let argv = [bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
                        "--unshare-pid", "--unshare-net", "--die-with-parent", "--", "true"]
            let result = await ProcessRunner.run(StepRequest(
                argv: argv, cwd: dir, env: ["LC_ALL": "C"], timeoutSeconds: 10,
                stdoutPath: dir + "/bwrap.out", stderrPath: dir + "/bwrap.err"))
            if result.succeeded {
                var decision = SandboxDecision(mode: mode, bwrap: bwrap)
                decision.runnerBindings = await runnerBindings(matrix, dir: dir)
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
    static func runnerBindings(_ matrix: Matrix, dir: String) async -> [String: RunnerBinding] {
        var out: [String: RunnerBinding] = [:]
        for (i, t) in matrix.targets.enumerated() {
            guard let command = t.runner.first, out[command] == nil, let path = ExecutableLookup.resolve(command) else { continue }
            guard case .facts(let facts) = ELFInspector.inspect(path: path) else { continue }
            guard let loader = facts.interpreter else {
                out[command] = RunnerBinding(executable: path, loader: nil, libraries: [])
                continue
            }
            let listing = "\(dir)/runner-\(i).list"
            let result = await ProcessRunner.run(StepRequest(
                argv: [loader, "--list", path], cwd: dir, timeoutSeconds: 10, stdoutPath: listing, stderrPath: listing + ".err"))
            guard result.succeeded else { continue }
            out[command] = RunnerBinding(executable: path, loader: loader, libraries: libraries(fromList: CapturedOutput.read(listing)))
        }
        return out
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
