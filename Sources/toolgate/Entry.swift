import Commands
import Frontend

#if canImport(Glibc)
import Glibc
#endif

/// The executable's entry point and nothing else: the commands live in the Commands module.
@main
struct Entry {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let status = InspectOperands.runIfInspect(arguments) { exit(status) }
        // The one run context of the process: its stdout and stderr, its process registry and write gate.
        await Toolgate.main(context: .process())
    }
}
