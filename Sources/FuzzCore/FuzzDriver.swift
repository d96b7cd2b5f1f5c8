#if canImport(Glibc)
import Glibc
#endif

/// `PROGRAM TARGET ARGS...`, TARGET one of the program's targets: the entry of both fuzz executables,
/// `toolgate-fuzz` (elf, matrix, report) and `toolgate-fuzz-text` (matrix, report: no libelf linked). Built with
/// `-sanitize=fuzzer -DFUZZING` (scripts/fuzz.sh) ARGS are libFuzzer's; built normally ARGS are inputs to replay.
package enum FuzzDriver {
    /// libFuzzer re-runs its own command line for -merge, -minimize_crash and -jobs, without the TARGET this
    /// program took off it: the variable tells those children which target they are.
    static let targetVariable = "TOOLGATE_FUZZ_TARGET"

    package static func main(name: String, targets: [FuzzTarget]) -> Never {
        var arguments = CommandLine.arguments
        let program = arguments.removeFirst()
        let names = targets.map(\.name).joined(separator: "|")
        func named(_ name: String) -> FuzzTarget? { targets.first { $0.name == name } }
        let target: FuzzTarget
        if let first = arguments.first, let found = named(first) {
            target = found
            arguments.removeFirst()
        } else if let inherited = getenv(targetVariable).map({ String(cString: $0) }), let found = named(inherited) {
            target = found
        } else {
            let given = arguments.first.map { "'\($0)'" } ?? "nothing"
            let message = "\(name): error: the first argument must be a target, \(names); got \(given)\n"
                + "usage: \(name) \(names) FILE|DIR...\n"
            _ = message.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
            exit(64)
        }
        setenv(targetVariable, target.name, 1)
        #if FUZZING
        LibFuzzer.run(target, arguments: [program] + arguments)
        #else
        Replay.run(target, arguments: arguments)
        #endif
    }
}
