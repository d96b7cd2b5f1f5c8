/// Children of toolgate must start with no blocked and no ignored signals.
///
/// Foundation's `Process` spawns from the calling thread, and Swift's concurrency and Dispatch worker
/// threads block almost every signal; the child inherits that mask (seen here: SigBlk fffffffe3bfbea27),
/// so a fixture that raises SIGUSR1 into its own handler aborts instead. No shell tool unblocks signals,
/// and doing it here would need sigset_t pointer code outside the ELF module, so every run step goes through
/// this one-line Perl prefix (perl-base is Essential on Debian: always installed): it empties the signal
/// mask with the rt_sigprocmask system call (Perl's POSIX module would do the same but costs 20 ms a
/// step to load; this costs about 4 ms), resets every disposition to the default, and execs the command
/// with its argv unchanged. (swift-subprocess 1.0.2 resets signals in its child too, but stops at
/// glibc's 32 and 33 and leaves them ignored; checked here.)
enum SignalReset {
    #if arch(arm64)
    static let rtSigprocmask = 135
    static let rtSigaction = 134
    #else
    static let rtSigprocmask = 14
    static let rtSigaction = 13
    #endif

    static let script =
        #"my $none = pack("Q", 0); syscall("# + String(rtSigprocmask) + #", 2, $none, 0, 8) == 0 or die "toolgate: rt_sigprocmask: $!\n"; "#
        // glibc keeps 32 and 33 for itself and refuses sigaction on them: reset those with the system call.
        + #"for my $s (32, 33) { my $dfl = pack("Q4", 0, 0, 0, 0); syscall("# + String(rtSigaction) + #", $s, $dfl, 0, 8) } "#
        + #"for (keys %SIG) { next if /^(KILL|STOP|ZERO|CLD|__\w+__)$/; $SIG{$_} = "DEFAULT" } "#
        + #"exec { $ARGV[0] } @ARGV or do { print STDERR "toolgate: cannot run '$ARGV[0]': $!\n"; exit 127 }"#

    static func wrap(_ argv: [String]) -> [String] {
        ["perl", "-e", script, "--"] + argv
    }
}
