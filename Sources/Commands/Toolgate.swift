import ArgumentParser
import Foundation
import Frontend
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

    /// Parses the command line and runs the subcommand in `context`, made once by the entry point: the
    /// context is bound for everything the subcommand does, and handed to a ContextCommand.
    package static func main(context: RunContext) async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            try await context.bound {
                var command = try parseAsRoot(arguments)
                if let contextual = command as? ContextCommand {
                    try await contextual.run(in: context)
                } else if var async = command as? AsyncParsableCommand {
                    try await async.run()
                } else {
                    try command.run()
                }
            }
        } catch let diagnostic as DiagnosticConvertible {
            exit(diagnostics: Diagnostics([diagnostic.diagnostic]), context)
        } catch let diagnostic as Diagnostic {
            exit(diagnostics: Diagnostics([diagnostic]), context)
        } catch let diagnostics as Diagnostics {
            exit(diagnostics: diagnostics, context)
        } catch let status as ExitStatus {
            Foundation.exit(status.code)
        } catch {
            let code = exitCode(for: error)
            if let sub = arguments.first, usageIsTwo.contains(sub), code == .validationFailure {
                context.standardError.write(fullMessage(for: error) + "\n")
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    /// The one place a diagnostic thrown by a command is printed; then the exit with its status.
    static func exit(diagnostics: Diagnostics, _ context: RunContext) -> Never {
        for d in diagnostics.all { context.standardError.write(d) }
        Foundation.exit(diagnostics.status)
    }
}
