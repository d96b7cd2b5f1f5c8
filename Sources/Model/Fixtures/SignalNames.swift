import Foundation

/// Linux signal numbers and names (the same on x86_64, i686 and aarch64 for these).
package enum SignalNames {
    static let table: [(Int, String)] = [
        (1, "SIGHUP"), (2, "SIGINT"), (3, "SIGQUIT"), (4, "SIGILL"), (5, "SIGTRAP"), (6, "SIGABRT"), (7, "SIGBUS"),
        (8, "SIGFPE"), (9, "SIGKILL"), (10, "SIGUSR1"), (11, "SIGSEGV"), (12, "SIGUSR2"), (13, "SIGPIPE"),
        (14, "SIGALRM"), (15, "SIGTERM"), (16, "SIGSTKFLT"), (17, "SIGCHLD"), (18, "SIGCONT"), (19, "SIGSTOP"),
        (20, "SIGTSTP"), (21, "SIGTTIN"), (22, "SIGTTOU"), (23, "SIGURG"), (24, "SIGXCPU"), (25, "SIGXFSZ"),
        (26, "SIGVTALRM"), (27, "SIGPROF"), (28, "SIGWINCH"), (29, "SIGIO"), (30, "SIGPWR"), (31, "SIGSYS"),
    ]

    package static func name(of number: Int) -> String {
        table.first(where: { $0.0 == number })?.1 ?? "SIG\(number)"
    }

    /// "SIGABRT", "ABRT", "abrt" or "6" → "SIGABRT"; nil when unknown.
    package static func normalize(_ text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        if let n = Int(t) { return table.first(where: { $0.0 == n })?.1 }
        let full = t.hasPrefix("SIG") ? t : "SIG" + t
        return table.contains(where: { $0.1 == full }) ? full : nil
    }
}
