import Foundation
import Model
import Synchronization

/// Who a compiler driver is, for the cache key: the driver's resolved file (size and mtime), its whole
/// `--version`, the programs it runs (`cc1`, `cc1plus`, `as`, `ld` from `-print-prog-name`; clang,
/// which compiles in-process, only `as` and `ld`), and the contents of the configuration files clang
/// says it loaded, each
/// resolved and stamped the same way. A rebootstrap that replaces any of them, a driver or just
/// binutils, changes the identity, so nothing it would build differently is ever a hit.
///
/// Asked once per driver and target-selecting flags (`-m32`, `--target=`, `--sysroot`, `-B`, `-fuse-ld=`...)
/// per run; concurrent askers share one probe. With a store (the cache directory's tools/), a driver whose
/// file has not changed since an earlier run is not asked at all (ToolAnswers).
package final class ToolIdentities: Sendable {
    private let probeDir: String
    /// Where the answers of earlier runs are kept (the cache directory); nil: ask every run.
    private let store: ToolAnswerStore?
    private let environment: [String: String]
    private let known = Mutex<[String: Task<String?, Never>]>([:])
    private let counter = Atomic<Int>(0)

    package init(probeDir: String, store: ToolAnswerStore? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.probeDir = probeDir
        self.store = store
        self.environment = environment
    }

    /// nil when the driver cannot be found or will not say its version: such a step is not cached.
    package func identity(of argv: [String]) async -> String? {
        guard let driver = argv.first else { return nil }
        let selecting = Self.selectingFlags(argv)
        let key = ([driver] + selecting).joined(separator: "\u{0}")
        let task: Task<String?, Never> = known.withLock { tasks in
            if let t = tasks[key] { return t }
            let t = Task { await self.probe(driver: driver, flags: selecting) }
            tasks[key] = t
            return t
        }
        return await task.value
    }

    /// The flags that choose which cc1, assembler, linker or sysroot a driver uses.
    package static func selectingFlags(_ argv: [String]) -> [String] {
        let withValue: Set<String> = ["-target", "--target", "--sysroot", "-isysroot", "-B", "--gcc-toolchain"]
        let prefixes = ["--target=", "--sysroot=", "-B", "--gcc-toolchain=", "-fuse-ld=", "--ld-path="]
        let exact: Set<String> = ["-m32", "-m64", "-mx32", "-m16", "-no-integrated-as", "-fno-integrated-as", "-fintegrated-as"]
        var out: [String] = []
        var i = 1
        while i < argv.count {
            let a = argv[i]
            if withValue.contains(a), i + 1 < argv.count {
                out += [a, argv[i + 1]]
                i += 2
                continue
            }
            if exact.contains(a) || prefixes.contains(where: { a.hasPrefix($0) && a.count > $0.count }) { out.append(a) }
            i += 1
        }
        return out
    }

    private func probe(driver: String, flags: [String]) async -> String? {
        guard let path = ExecutableLookup.resolve(driver) else { return nil }
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let status = FileDigests.status(resolved) else { return nil }
        // clang loads configuration files (clang.cfg, TRIPLE-clang.cfg...) found beside its resolved file: one
        // added or removed there changes that directory, and so the key of the answers kept.
        let directory = (resolved as NSString).deletingLastPathComponent
        let home = FileDigests.directoryStatus(directory).map { "\(directory) \($0.mtime) \($0.ctime) \($0.inode)" } ?? "(no directory)"
        let storeKey = ToolAnswerStore.key(
            .identity, driver: driver, flags: flags, resolved: resolved, status: status, env: environment, around: home)
        let answers: ToolAnswers
        if let known = store?.load(storeKey) {
            answers = known
        } else {
            guard let asked = await askAll(driver, flags) else { return nil }
            store?.save(asked, key: storeKey)
            answers = asked
        }
        var lines = ["driver \(driver) \(flags.joined(separator: " "))", "file \(resolved) \(status.size) \(status.mtime)",
                     "version \(answers.version)"]
        for (program, answer) in answers.programs.sorted(by: { $0.key < $1.key }) {
            let found = answer.isEmpty ? nil : ExecutableLookup.resolve(answer)
            lines.append("\(program) \(answer) \(found.flatMap(Self.describe) ?? "(not found)")")
        }
        // What the configuration files say is part of every command line (a staged clang.cfg that sets
        // --rtlib=compiler-rt or -fuse-ld=lld): their contents, read every run, so an edit is a miss.
        for config in Self.configurationFiles(in: answers.version) {
            lines.append("config \(config) \(FileContents.data(atPath: config).map { ContentHasher.hex($0) } ?? "(unreadable)")")
        }
        return lines.joined(separator: "\n")
    }

    /// The configuration files a clang `--version` names ("Configuration file: /usr/lib/llvm-19/bin/clang.cfg").
    static func configurationFiles(in version: String) -> [String] {
        let prefix = "Configuration file: "
        return version.split(separator: "\n").compactMap { line in
            line.hasPrefix(prefix) ? String(line.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces) : nil
        }
    }

    /// The probe proper: `--version`, then each program's `-print-prog-name`; nil when the driver will not
    /// say its version.
    private func askAll(_ driver: String, _ flags: [String]) async -> ToolAnswers? {
        guard let version = await ask(driver, flags + ["--version"]), !version.isEmpty else { return nil }
        // clang compiles in-process (its cc1 is itself, stamped above): asking costs 40 ms a question.
        let programs = version.contains("clang version") ? ["as", "ld"] : ["cc1", "cc1plus", "as", "ld"]
        let answers = await withTaskGroup(of: (String, String).self) { group in
            for program in programs {
                group.addTask { (program, await self.ask(driver, flags + ["-print-prog-name=\(program)"]) ?? "") }
            }
            var out: [String: String] = [:]
            for await (program, answer) in group { out[program] = answer.trimmingCharacters(in: .whitespacesAndNewlines) }
            return out
        }
        return ToolAnswers(version: version, programs: answers)
    }

    /// `realpath size mtime` of an executable: symlinks (gcc → gcc-12) followed, so a new target counts.
    static func describe(_ path: String) -> String? {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let st = FileDigests.fileStat(resolved) else { return nil }
        return "\(resolved) \(st.size) \(st.mtime)"
    }

    /// Everything the driver printed on stdout and stderr, or nil when it did not exit 0.
    private func ask(_ driver: String, _ args: [String]) async -> String? {
        try? FileManager.default.createDirectory(atPath: probeDir, withIntermediateDirectories: true)
        let n = counter.add(1, ordering: .relaxed).newValue
        let out = "\(probeDir)/identity-\(n).out", err = "\(probeDir)/identity-\(n).err"
        let result = await ProcessRunner.run(StepRequest(
            argv: [driver] + args, cwd: probeDir, env: StepExecution.env, timeoutSeconds: 30, stdoutPath: out, stderrPath: err))
        defer {
            unlink(out)
            unlink(err)
        }
        guard result.succeeded else { return nil }
        return CapturedOutput.read(out, cap: 16 * 1024) + CapturedOutput.read(err, cap: 16 * 1024)
    }
}
