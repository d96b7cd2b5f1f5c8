// benchmarks/launch.sh's harness: N starts of /bin/true, one way each, compiled with the real
// Sources/Execution/Process/Launcher.swift and Sources/CLaunch/launch.c.
//   launcher          Launcher.start + Launcher.wait (a thread per wait), as every step now starts
//   launcher-limits   the same with a run step's five limits
//   process           Foundation's Process, as compile and link steps started before the launcher
//   process-old-run   Foundation's Process running prlimit -- perl -e RESET -- /bin/true, as run steps did
import Foundation

let mode = CommandLine.arguments[1]
let count = Int(CommandLine.arguments[2]) ?? 200
let environment = ProcessInfo.processInfo.environment
let null = FileHandle(forWritingAtPath: "/dev/null")!

// The Perl signal reset that run steps were prefixed with (x86_64 system call numbers), word for word.
let reset =
    #"my $none = pack("Q", 0); syscall(14, 2, $none, 0, 8) == 0 or die "toolgate: rt_sigprocmask: $!\n"; "#
    + #"for my $s (32, 33) { my $dfl = pack("Q4", 0, 0, 0, 0); syscall(13, $s, $dfl, 0, 8) } "#
    + #"for (keys %SIG) { next if /^(KILL|STOP|ZERO|CLD|__\w+__)$/; $SIG{$_} = "DEFAULT" } "#
    + #"exec { $ARGV[0] } @ARGV or do { print STDERR "toolgate: cannot run '$ARGV[0]': $!\n"; exit 127 }"#
let limitFlags = ["--cpu=60", "--as=4294967296", "--nproc=256", "--fsize=16777216", "--core=0"]

func viaProcess(_ executable: String, _ arguments: [String]) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    p.environment = environment
    p.standardInput = FileHandle.nullDevice
    p.standardOutput = null
    p.standardError = null
    // As the old ProcessRunner waited: the termination handler (waitUntilExit polls a run loop).
    let done = DispatchSemaphore(value: 0)
    p.terminationHandler = { _ in done.signal() }
    try! p.run()
    done.wait()
    precondition(p.terminationStatus == 0, "exit \(p.terminationStatus)")
}

func viaLauncher(limits: Launcher.ResourceLimits) async {
    let spec = Launcher.Spec(
        executable: "/bin/true", argv: ["true"], environment: environment, cwd: "/tmp", stdout: .null, stderr: .null,
        limits: limits)
    let pid = try! Launcher.start(spec).get()
    let ending = await Launcher.wait(pid)
    precondition(ending == .exited(0), "\(ending)")
}

let runLimits = Launcher.ResourceLimits(
    cpuSeconds: 60, addressSpaceBytes: 4 << 30, processes: 256, fileSizeBytes: 16 << 20, coreBytes: 0)
let start = ContinuousClock.now
for _ in 0..<count {
    switch mode {
    case "launcher": await viaLauncher(limits: Launcher.ResourceLimits())
    case "launcher-limits": await viaLauncher(limits: runLimits)
    case "process": viaProcess("/bin/true", [])
    case "process-old-run": viaProcess("/usr/bin/prlimit", limitFlags + ["--", "perl", "-e", reset, "--", "/bin/true"])
    default: fatalError("unknown mode \(mode)")
    }
}
let total = ContinuousClock.now - start
let ms = Double(total.components.seconds) * 1000 + Double(total.components.attoseconds) / 1e15
print(String(format: "%@ %d %.3f", mode, count, ms / Double(count)))
