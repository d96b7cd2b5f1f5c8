import ArgumentParser
import Model

/// The root command: a name, a version and the list of subcommands. Each subcommand lives in its own file.
package struct Toolgate: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "toolgate",
        abstract: "Validate a rebuilt toolchain: compile, run and inspect fixture programs, report what regressed.",
        version: ToolgateVersion.current,
        subcommands: [Inspect.self, Run.self, List.self, Repro.self, Doctor.self]
    )

    package init() {}
}
