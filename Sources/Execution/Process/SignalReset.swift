/// Children of toolgate must start with no blocked and no ignored signals.
///
/// Foundation's `Process` spawns from the calling thread, and Swift's concurrency and Dispatch worker
/// threads block almost every signal; the child inherits that mask (seen here: SigBlk fffffffe3bfbea27),
/// so a fixture that raises SIGUSR1 into its own handler aborts instead. No shell tool unblocks signals,
/// and doing it here would need sigset_t pointer code outside the ELF module, so every step goes through
/// this one-line Perl prefix (perl-base is Essential on Debian: always installed): it empties the signal
/// mask, resets every disposition to the default, and execs the command with its argv unchanged.
enum SignalReset {
    static let script =
        #"use POSIX; sigprocmask(SIG_SETMASK, POSIX::SigSet->new); for (keys %SIG) { next if /^(KILL|STOP|ZERO|CLD|NUM\d+|__\w+__)$/; $SIG{$_} = "DEFAULT" } exec { $ARGV[0] } @ARGV or do { print STDERR "toolgate: cannot run '$ARGV[0]': $!\n"; exit 127 }"#

    static func wrap(_ argv: [String]) -> [String] {
        ["perl", "-e", script, "--"] + argv
    }
}
