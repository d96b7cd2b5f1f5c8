import Foundation
import Model

/// Whether the runtime an axis value selects is there: for every value that names the package providing
/// it (`provided_by`), one tiny program is compiled and linked with the value's flags for each compiler
/// and target it applies to. Where that fails the value's cells are `skipped`, naming the package,
/// instead of failing one by one with the same link error (or passing silently without the runtime).
enum RuntimeProbe {
    struct Probe: Sendable {
        var key: String
        var argv: [String]
        var label: String
        var package: String
        var driver: String
        var target: String
    }

    static func probes(matrix: Matrix, toolchain: Toolchain, dir: String) -> [Probe] {
        var out: [Probe] = []
        for axis in matrix.axes {
            for value in axis.values {
                for compiler in matrix.compilers where value.compilers?.contains(where: { Applicability.compilerMatches($0, compiler.name) }) ?? true {
                    for target in matrix.targets where value.targets?.contains(target.name) ?? true {
                        guard let package = value.providingPackage(for: target.name) else { continue }
                        let cxx = !value.flags.cxxflags.isEmpty
                        let driver = cxx ? compiler.cxx(for: target.name) : compiler.cc(for: target.name)
                        guard toolchain.path(driver) != nil else { continue }
                        let flags = matrix.flags(compiler: compiler, target: target)
                        let name = "\(out.count)"
                        var argv = [driver] + flags.cflags + (cxx ? flags.cxxflags : []) + toolchain.extra(compiler: compiler.name, target: target.name)
                        argv += value.flags.cflags + (cxx ? value.flags.cxxflags : []) + flags.ldflags + value.flags.ldflags
                        argv = SysrootFlag.add(matrix.buildSysroot(compiler: compiler, target: target), to: argv)
                        argv += [dir + "/" + (cxx ? "probe.cc" : "probe.c"), "-o", "\(dir)/probe-\(name)"]
                        out.append(Probe(
                            key: Toolchain.runtimeKey(compiler: compiler.name, target: target.name, label: "\(axis.name)=\(value.name)"),
                            argv: argv, label: "\(axis.name)=\(value.name)", package: package, driver: driver, target: target.name))
                    }
                }
            }
        }
        return out
    }

    /// "compiler/target/axis=value" → why its cells are skipped. `store`: the build cache's probe answers.
    /// A runtime that linked is kept with every file the compile and the link read (their dependency
    /// files), so a warm run does not link it again while none of them changed; one that did not link is
    /// probed every run, so that installing the package its reason names takes effect at once.
    static func run(matrix: Matrix, toolchain: Toolchain, workDir: String, store: ProbeAnswerStore? = nil) async -> [String: String] {
        let dir = workDir + "/probes/runtime"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let all = probes(matrix: matrix, toolchain: toolchain, dir: dir)
        guard !all.isEmpty else { return [:] }
        try? Data("int main(void) { return 0; }\n".utf8).write(to: URL(fileURLWithPath: dir + "/probe.c"))
        try? Data("#include <string>\nint main() { std::string s(\"x\"); return (int)s.size() - 1; }\n".utf8)
            .write(to: URL(fileURLWithPath: dir + "/probe.cc"))
        let paths = WorkPaths(workDir: workDir)
        return await withTaskGroup(of: (String, String?).self) { group in
            for (i, probe) in all.enumerated() {
                group.addTask {
                    let key = ProbeAnswerStore.key("runtime", probe.argv.map(paths.normalize) + StepExecution.env.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
                    if store?.load(key, workDir: workDir) == "links" { return (probe.key, nil) }
                    let err = "\(dir)/probe-\(i).err", compileDeps = "\(dir)/probe-\(i).d", linkDeps = "\(dir)/probe-\(i).ld.d"
                    let tracked = probe.argv + ["-MD", "-MF", compileDeps, "-Wl,--dependency-file=" + linkDeps]
                    var result = await link(tracked, dir: dir, index: i)
                    // A linker without --dependency-file (old gold, old lld, mold): probe plainly, keep nothing.
                    let untracked = !result.succeeded && CapturedOutput.read(err, cap: 64 * 1024).contains("dependency-file")
                    if untracked { result = await link(probe.argv, dir: dir, index: i) }
                    guard result.launchError != nil || result.exitCode != 0 || result.signal != nil else {
                        if !untracked { remember(key: key, driver: probe.driver, depFiles: [compileDeps, linkDeps], workDir: workDir, store: store) }
                        return (probe.key, nil)
                    }
                    let line = ToolErrorLine.first(in: CapturedOutput.read(err, cap: 64 * 1024)) ?? "exit \(result.exitCode ?? -1)"
                    return (probe.key, "\(probe.label): no runtime for \(probe.target) (\(probe.driver): \(line)); install \(probe.package)")
                }
            }
            var gaps: [String: String] = [:]
            for await (key, reason) in group { if let reason { gaps[key] = reason } }
            return gaps
        }
    }

    private static func link(_ argv: [String], dir: String, index i: Int) async -> StepResult {
        await ProcessRunner.run(StepRequest(
            argv: argv, cwd: dir, env: StepExecution.env, timeoutSeconds: 60,
            stdoutPath: "\(dir)/probe-\(i).out", stderrPath: "\(dir)/probe-\(i).err"))
    }

    /// Keeps "links" with the driver's file and every file the two dependency files name; nothing when
    /// either is missing or unreadable (no evidence of what was read).
    private static func remember(key: String, driver: String, depFiles: [String], workDir: String, store: ProbeAnswerStore?) {
        guard let store, let driverFile = ProbeAnswerStore.resolvedExecutable(driver) else { return }
        var files = [driverFile]
        for depFile in depFiles {
            guard let text = try? String(contentsOfFile: depFile, encoding: .utf8), let names = DependencyFile.prerequisites(text) else { return }
            // The driver's temporary object (/tmp/ccXXXX.o) is listed by the link and gone by now: not a file the answer rests on.
            files += names.map { $0.hasPrefix("/") ? $0 : workDir + "/probes/runtime/" + $0 }.filter { FileManager.default.fileExists(atPath: $0) }
        }
        store.save("links", key: key, files: files, workDir: workDir)
    }
}
