#if canImport(Glibc)
import Glibc
#endif

/// `toolgate-fuzz TARGET ARGS...`, TARGET one of elf, matrix, report. Built with `-sanitize=fuzzer
/// -DFUZZING` (scripts/fuzz.sh) ARGS are libFuzzer's; built normally ARGS are inputs to replay.
@main
struct FuzzMain {
    /// libFuzzer re-runs its own command line for -merge, -minimize_crash and -jobs, without the TARGET this
    /// program took off it: the variable tells those children which target they are.
    static let targetVariable = "TOOLGATE_FUZZ_TARGET"

    static func main() {
        var arguments = CommandLine.arguments
        let program = arguments.removeFirst()
        let target: FuzzTarget
        if let first = arguments.first, let named = FuzzTarget(rawValue: first) {
            target = named
            arguments.removeFirst()
        } else if let inherited = getenv(targetVariable).map({ String(cString: $0) }), let named = FuzzTarget(rawValue: inherited) {
            target = named
        } else {
            let given = arguments.first.map { "'\($0)'" } ?? "nothing"
            let message = "toolgate-fuzz: error: the first argument must be a target, \(FuzzTarget.names); got \(given)\n"
                + "usage: toolgate-fuzz \(FuzzTarget.names) FILE|DIR...\n"
            _ = message.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
            exit(64)
        }
        setenv(targetVariable, target.rawValue, 1)
        #if FUZZING
        LibFuzzer.run(target, arguments: [program] + arguments)
        #else
        Replay.run(target, arguments: arguments)
        #endif
    }
}
