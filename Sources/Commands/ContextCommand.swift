import ArgumentParser
import Frontend

/// A subcommand that is handed the run context the entry point made (`Toolgate.main(context:)`):
/// its sinks, its process registry and its write gate.
protocol ContextCommand: AsyncParsableCommand {
    func run(in context: RunContext) async throws
}

extension ContextCommand {
    /// ArgumentParser's entry, for a command run without `Toolgate.main(context:)`: the bound context.
    mutating func run() async throws { try await run(in: RunContext.current) }
}
