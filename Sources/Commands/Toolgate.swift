import ArgumentParser
import Foundation
import Model

/// The root command: a name, a version and the list of subcommands. Each subcommand lives in its own file.
package struct Toolgate: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "toolgate",
        abstract: "Validate a rebuilt toolchain: compile, run and inspect fixture programs, report what regressed.",
        version: ToolgateVersion.current,
        subcommands: [Inspect.self, Run.self, Compare.self, List.self, Merge.self, Repro.self, Doctor.self, Resolve.self, Reduce.self]
    )

    package init() {}

    /// The runner's subcommands exit 2 for usage mistakes, as for a bad matrix (0 passed, 1 failed, 2 cannot
    /// run); `inspect` and the root keep the argument parser's codes.
    static let usageIsTwo: Set<String> = ["run", "compare", "list", "merge", "repro", "doctor", "resolve", "reduce"]

    package static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(arguments)
            if var async = command as? AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if let sub = arguments.first, usageIsTwo.contains(sub), code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
