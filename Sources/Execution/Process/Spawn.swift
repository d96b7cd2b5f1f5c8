import Foundation

/// Starts a step's process with posix_spawn, as a step needs it and in one system call:
/// - stdin from /dev/null, stdout and stderr into files (created, truncated), no other descriptor
///   inherited (`closefrom(3)`);
/// - in the step's directory (`addchdir`), as the leader of a new process group, so a timeout or an
///   interrupt kills the step and everything it started with one `kill(-pgid)`;
/// - with no blocked signal and every signal at its default: Swift's worker threads block almost all
///   signals, and a child would inherit that mask (a fixture raising SIGUSR1 into its handler aborted).
///
/// Foundation's `Process` does not reset the mask and costs about three times as much per start.
enum Spawn {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The new process's pid, which is also its process group.
    static func start(
        executable: String, argv: [String], environment: [String: String], cwd: String, stdout: String, stderr: String
    ) -> Result<pid_t, Failure> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }

        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard GlibcSpawnExtensions.addchdir(&actions, cwd) == 0 else {
            return .failure(Failure(description: "cannot change to '\(cwd)'"))
        }
        _ = GlibcSpawnExtensions.addclosefrom(&actions, 3)

        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var all = SignalSets.everySignal()
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        let args = argv.map { strdup($0) } + [nil]
        let env = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in args { free(p) }
            for p in env { free(p) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, &attributes, args, env)
        guard rc == 0 else { return .failure(Failure(description: "cannot start '\(executable)': \(String(cString: strerror(rc)))")) }
        return .success(pid)
    }

    /// How a process ended.
    enum Ending: Equatable {
        case exited(Int)
        case signaled(Int32)
    }

    /// Waits for `pid` on a thread of its own (waitpid blocks; Swift's cooperative threads must not).
    static func wait(_ pid: pid_t) async -> Ending {
        await withCheckedContinuation { (done: CheckedContinuation<Ending, Never>) in
            Thread.detachNewThread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 {
                    // EINTR: again; ECHILD cannot happen for our own child, but must not spin.
                    if errno != EINTR { return done.resume(returning: .exited(-1)) }
                }
                let signal = status & 0x7f
                done.resume(returning: signal == 0 ? .exited(Int((status >> 8) & 0xff)) : .signaled(signal))
            }
        }
    }
}

/// glibc's posix_spawn extensions that Swift's Glibc module does not import (spawn.h declares them only
/// under _GNU_SOURCE): looked up once by name. Both exist in Debian 12's glibc 2.36 (since 2.29 and 2.34).
private enum GlibcSpawnExtensions {
    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    typealias AddClosefrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    static let chdirFunction: AddChdir? = lookup("posix_spawn_file_actions_addchdir_np")
    static let closefromFunction: AddClosefrom? = lookup("posix_spawn_file_actions_addclosefrom_np")

    private static func lookup<F>(_ name: String) -> F? {
        guard let symbol = dlsym(nil, name) else { return nil }  // nil is RTLD_DEFAULT: libc's own symbol
        return unsafeBitCast(symbol, to: F.self)
    }

    static func addchdir(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ dir: String) -> Int32 {
        guard let f = chdirFunction else { return ENOSYS }
        return f(actions, dir)
    }

    /// Optional: without it the child inherits toolgate's descriptors that lack FD_CLOEXEC, which is untidy, not wrong.
    static func addclosefrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ low: Int32) -> Int32 {
        guard let f = closefromFunction else { return ENOSYS }
        return f(actions, low)
    }
}

enum SignalSets {
    /// Every signal 1...64, glibc's own 32 and 33 included: sigfillset leaves those two out, but a
    /// disposition the parent gave them must not survive into the step either.
    static func everySignal() -> sigset_t {
        var set = sigset_t()
        sigfillset(&set)
        withUnsafeMutableBytes(of: &set) { raw in
            let words = raw.bindMemory(to: UInt.self)
            words[0] |= (1 << 31) | (1 << 32)  // bit n-1 is signal n
        }
        return set
    }
}
