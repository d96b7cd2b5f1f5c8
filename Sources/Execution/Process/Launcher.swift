import CLaunch
import Foundation

/// The one Swift file that starts processes: every step, probe and `repro --exec` comes through here to
/// CLaunch's `tg_launch` (Sources/CLaunch/launch.c), which in the child, before execve, unblocks every
/// signal and resets every disposition (glibc's 32 and 33 and the real-time ones too), applies the run
/// step's limits, makes the child the leader of its own process group and closes every descriptor above 2.
///
/// It lives in Execution, next to ProcessRunner and ProcessGroups that use it, rather than in a module of
/// its own: it holds no `Unsafe…Pointer` (strings and arrays cross to C by Swift's implicit conversions,
/// the results come back in structs), and it needs ProcessRunner's neighbours, not the other way round.
package enum Launcher {
    /// Where one of the child's stdin, stdout and stderr comes from.
    package enum Stream: Sendable, Equatable {
        /// toolgate's own descriptor of the same number.
        case inherited
        /// /dev/null.
        case null
        /// A file, created or truncated (0644); for stdin, opened for reading.
        case file(String)
    }

    /// Resource limits for `setrlimit` in the child; nil leaves toolgate's own.
    package struct ResourceLimits: Sendable, Equatable {
        package var cpuSeconds: Int?
        package var addressSpaceBytes: Int?
        package var processes: Int?
        package var fileSizeBytes: Int?
        package var coreBytes: Int?

        package init(cpuSeconds: Int? = nil, addressSpaceBytes: Int? = nil, processes: Int? = nil, fileSizeBytes: Int? = nil, coreBytes: Int? = nil) {
            self.cpuSeconds = cpuSeconds
            self.addressSpaceBytes = addressSpaceBytes
            self.processes = processes
            self.fileSizeBytes = fileSizeBytes
            self.coreBytes = coreBytes
        }
    }

    package struct Spec: Sendable {
        /// The resolved program (execve's path; PATH is not searched again).
        package var executable: String
        /// argv, argv[0] included, as given.
        package var argv: [String]
        /// The child's whole environment.
        package var environment: [String: String]
        package var cwd: String
        package var stdin: Stream = .null
        package var stdout: Stream
        package var stderr: Stream
        package var limits = ResourceLimits()

        package init(
            executable: String, argv: [String], environment: [String: String], cwd: String, stdin: Stream = .null,
            stdout: Stream, stderr: Stream, limits: ResourceLimits = ResourceLimits()
        ) {
            self.executable = executable
            self.argv = argv
            self.environment = environment
            self.cwd = cwd
            self.stdin = stdin
            self.stdout = stdout
            self.stderr = stderr
            self.limits = limits
        }
    }

    package enum Failure: Error, Equatable, CustomStringConvertible {
        /// Nothing ran: "cannot change to '/x': No such file or directory".
        case notStarted(String)
        /// execve failed (with this errno); the child said so on its stderr and exited 127:
        /// "cannot run './a.out': No such file or directory".
        case execFailed(String, errno: Int32)

        package var description: String {
            switch self {
            case .notStarted(let m), .execFailed(let m, _): m
            }
        }

        /// ETXTBSY: the program was open for writing somewhere as it was exec'd, so a moment later it may not be.
        package var isTextBusy: Bool {
            if case .execFailed(_, let e) = self { return e == ETXTBSY }
            return false
        }
    }

    /// How a process ended.
    package enum Ending: Sendable, Equatable {
        case exited(Int)
        case signaled(Int32)
        /// waitid or waitpid failed (with this errno); cannot happen for a child of ours that nobody else reaps.
        case unwaitable(Int32)
    }

    /// Starts the process; returns its pid, which is also its process group, once it has exec'd. The child
    /// is made on the launcher's own thread (LaunchThread), which lives as long as toolgate.
    package static func start(_ spec: Spec) -> Result<Int32, Failure> {
        LaunchThread.shared.run { startHere(spec) }
    }

    private static func startHere(_ spec: Spec) -> Result<Int32, Failure> {
        guard !spec.argv.isEmpty else { return .failure(.notStarted("no command to run")) }
        let environment = spec.environment.map { "\($0.key)=\($0.value)" }
        if let bad = (spec.argv + environment + [spec.executable, spec.cwd]).first(where: { $0.utf8.contains(0) }) {
            return .failure(.notStarted("'\(bad.replacingOccurrences(of: "\0", with: "\\0"))' holds a NUL byte"))
        }
        var opened: [Int32] = []
        defer { for fd in opened { close(fd) } }
        var fds: [Int32] = []
        for (n, stream) in [spec.stdin, spec.stdout, spec.stderr].enumerated() {
            let fd: Int32
            switch stream {
            case .inherited: fd = Int32(n)
            case .null: fd = open("/dev/null", n == 0 ? O_RDONLY | O_CLOEXEC : O_WRONLY | O_CLOEXEC)
            case .file(let path):
                fd = n == 0 ? open(path, O_RDONLY | O_CLOEXEC) : open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            }
            guard fd >= 0 else {
                let what: String
                if case .file(let path) = stream { what = path } else { what = "/dev/null" }
                return .failure(.notStarted("cannot open '\(what)': \(errorText(errno))"))
            }
            if case .inherited = stream {} else { opened.append(fd) }
            fds.append(fd)
        }
        // execve runs after the child's chdir: a relative program path must not depend on it.
        let executable = spec.executable.hasPrefix("/")
            ? spec.executable : FileManager.default.currentDirectoryPath + "/" + spec.executable
        var limits = tg_limits(
            cpu_seconds: cLimit(spec.limits.cpuSeconds), address_space: cLimit(spec.limits.addressSpaceBytes),
            processes: cLimit(spec.limits.processes), file_size: cLimit(spec.limits.fileSizeBytes),
            core_size: cLimit(spec.limits.coreBytes))
        var result = tg_launch_result()
        tg_launch(
            executable, block(spec.argv), spec.argv.count, block(environment), environment.count, spec.cwd,
            fds[0], fds[1], fds[2], &limits, &result)
        let name = spec.argv[0]
        switch result.stage {
        case TG_LAUNCH_OK: return .success(result.pid)
        case TG_LAUNCH_EXEC: return .failure(.execFailed("cannot run '\(name)': \(errorText(result.error))", errno: result.error))
        case TG_LAUNCH_DIRECTORY: return .failure(.notStarted("cannot change to '\(spec.cwd)': \(errorText(result.error))"))
        case TG_LAUNCH_LIMITS: return .failure(.notStarted("cannot set the limits of '\(name)': \(errorText(result.error))"))
        case TG_LAUNCH_GROUP: return .failure(.notStarted("cannot start a process group for '\(name)': \(errorText(result.error))"))
        case TG_LAUNCH_STREAMS: return .failure(.notStarted("cannot set stdin, stdout and stderr for '\(name)': \(errorText(result.error))"))
        default: return .failure(.notStarted("cannot start '\(name)': \(errorText(result.error))"))
        }
    }

    /// Waits for a child on a thread of its own (waitid blocks, and Swift's cooperative threads must not),
    /// with the step's timeout kept by that thread: at the deadline the child's group is killed
    /// (tg_await_exit), so a starved cooperative pool cannot delay a timeout. Once the child has exited its
    /// group is killed too, then `beforeReap` runs, then the child is reaped: until that reap its pid, and
    /// so its group's id, cannot be another process's, so neither this kill nor one from a registry that
    /// `beforeReap` updates can reach a stranger. (A kill after the reap, delayed by a starved pool, could
    /// meet the pid given to another process: pid_max is 32768 on the CI machine.)
    package static func wait(
        _ pid: Int32, timeoutSeconds: Int, beforeReap: @escaping @Sendable () -> Void = {}
    ) async -> (ending: Ending, timedOut: Bool) {
        await withCheckedContinuation { (done: CheckedContinuation<(ending: Ending, timedOut: Bool), Never>) in
            Thread.detachNewThread {
                var timedOut: Int32 = 0
                _ = tg_await_exit(pid, Int64(max(0, timeoutSeconds)) * 1000, 1, &timedOut)
                beforeReap()
                done.resume(returning: (ending: reap(pid), timedOut: timedOut != 0))
            }
        }
    }

    /// Waits for a child on the calling thread (`repro --exec`, which has nothing else to do); its group
    /// is not killed. `beforeReap` runs once it has exited, while its pid is still held.
    package static func waitBlocking(_ pid: Int32, beforeReap: () -> Void = {}) -> Ending {
        var timedOut: Int32 = 0
        _ = tg_await_exit(pid, -1, 0, &timedOut)
        beforeReap()
        return reap(pid)
    }

    private static func reap(_ pid: Int32) -> Ending {
        var e = tg_ending()
        tg_wait(pid, &e)
        if e.exited != 0 { return .exited(Int(e.exit_code)) }
        if e.signal != 0 { return .signaled(e.signal) }
        return .unwaitable(e.error)
    }

    /// The strings, each NUL-terminated, one after the other: the form tg_launch splits into argv or envp.
    private static func block(_ strings: [String]) -> [CChar] {
        var bytes: [CChar] = []
        bytes.reserveCapacity(strings.reduce(0) { $0 + $1.utf8.count + 1 })
        for s in strings { bytes += s.utf8CString }
        return bytes.isEmpty ? [0] : bytes
    }

    private static func cLimit(_ value: Int?) -> Int64 { value.map { Int64(max(0, $0)) } ?? -1 }

    package static func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }
}
