import Model

/// One process to start: argv, where, with which extra environment, for how long, under which limits.
package struct StepRequest: Sendable {
    package var argv: [String]
    package var cwd: String
    package var env: [String: String]
    package var timeoutSeconds: Int
    package var limits: RunLimits?
    /// Files that receive stdout and stderr (files, not pipes: a grandchild that keeps a pipe open
    /// cannot hang the reader, and RLIMIT_FSIZE caps what a program writes).
    package var stdoutPath: String
    package var stderrPath: String

    package init(
        argv: [String], cwd: String, env: [String: String] = [:], timeoutSeconds: Int, limits: RunLimits? = nil,
        stdoutPath: String, stderrPath: String
    ) {
        self.argv = argv
        self.cwd = cwd
        self.env = env
        self.timeoutSeconds = timeoutSeconds
        self.limits = limits
        self.stdoutPath = stdoutPath
        self.stderrPath = stderrPath
    }

    /// The file a compile or link step writes (its `-o` operand, against `cwd`). A step killed by an
    /// interrupt may leave it half-written, so the interrupt removes it; nothing for `-o /dev/null`.
    package var outputPaths: [String] {
        guard let path = Self.outputOperand(argv), path != "/dev/null" else { return [] }
        return [path.hasPrefix("/") ? path : cwd + "/" + path]
    }

    /// The `-o` operand of a compiler or linker argv, as written; the last one wins, as with gcc.
    static func outputOperand(_ argv: [String]) -> String? {
        guard let i = argv.lastIndex(of: "-o"), i + 1 < argv.count else { return nil }
        return argv[i + 1]
    }

    /// The run step's limits, as the launcher sets them in the child.
    package var resourceLimits: Launcher.ResourceLimits {
        guard let l = limits else { return Launcher.ResourceLimits() }
        return Launcher.ResourceLimits(
            cpuSeconds: l.cpuSeconds, addressSpaceBytes: l.memoryMiB * 1024 * 1024, processes: l.processes,
            fileSizeBytes: l.outputKiB * 1024, coreBytes: 0)
    }

    /// The same limits as `prlimit` options, for the record (CommandRecord.limits) and so for repro scripts,
    /// which a person runs in a shell: `prlimit --cpu=60 ... -- ./prog`.
    package var limitFlags: [String] {
        guard limits != nil else { return [] }
        let l = resourceLimits
        return [
            "--cpu=\(l.cpuSeconds ?? 0)", "--as=\(l.addressSpaceBytes ?? 0)", "--nproc=\(l.processes ?? 0)",
            "--fsize=\(l.fileSizeBytes ?? 0)", "--core=\(l.coreBytes ?? 0)",
        ]
    }
}

/// How a step ended.
package struct StepResult: Sendable, Equatable {
    package var exitCode: Int?
    /// "SIGSEGV" form.
    package var signal: String?
    package var timedOut: Bool
    package var durationMs: Int
    /// Set when the process could not be started at all (command not found).
    package var launchError: String?

    package var succeeded: Bool { exitCode == 0 && signal == nil && !timedOut && launchError == nil }
}
