import Execution
import Foundation
import Model

/// What a command runs in: where its text goes, the registry of the processes it starts (which an
/// interrupt kills), the gate of its file writes (which an interrupt stops), its environment.
///
/// The entry point makes one (`process()`) and injects it: `Toolgate.main(context:)` hands it to each
/// subcommand, the subcommand to `RunSession` and `Interruption`. A test makes its own (`captured()`),
/// and so runs a session with its stderr in a buffer and its steps in a registry of their own.
package struct RunContext: Sendable {
    package var standardOutput: TextSink
    package var standardError: TextSink
    package var processes: ProcessGroups
    package var writes: WriteGate
    package var environment: [String: String]
    /// Progress draws one live line on a terminal, plain lines elsewhere.
    package var errorIsTerminal: Bool

    package init(
        standardOutput: TextSink, standardError: TextSink, processes: ProcessGroups = ProcessGroups(),
        writes: WriteGate = WriteGate(), environment: [String: String] = ProcessInfo.processInfo.environment,
        errorIsTerminal: Bool = false
    ) {
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.processes = processes
        self.writes = writes
        self.environment = environment
        self.errorIsTerminal = errorIsTerminal
    }

    /// The process's own: its standard output and error, a new registry and write gate.
    package static func process() -> RunContext {
        RunContext(standardOutput: .standardOutput, standardError: .standardError, errorIsTerminal: isatty(STDERR_FILENO) == 1)
    }

    /// A context whose output and error go to buffers, with a registry and write gate of its own.
    package static func captured() -> (context: RunContext, output: CapturedText, error: CapturedText) {
        let out = TextSink.buffer(), err = TextSink.buffer()
        return (RunContext(standardOutput: out.sink, standardError: err.sink), out.captured, err.captured)
    }

    /// The context of code that was handed none: the process's output, and the registry and gate of
    /// steps and writes made outside any context.
    package static let unbound = RunContext(
        standardOutput: .standardOutput, standardError: .standardError, processes: .unbound, writes: .unbound,
        errorIsTerminal: isatty(STDERR_FILENO) == 1)

    /// The context `body` runs in, bound by `bound(_:)`: what `writeErr` and `writeOut` write to.
    @TaskLocal package static var current = unbound

    /// Runs `body` with this context bound: every step it starts registers with `processes`, every
    /// atomic write goes through `writes`, `writeErr` and `writeOut` write to this context's sinks.
    package func bound<T>(_ body: () async throws -> T) async rethrows -> T {
        try await RunContext.$current.withValue(self) {
            try await ProcessGroups.$current.withValue(processes) {
                try await WriteGate.$current.withValue(writes) { try await body() }
            }
        }
    }

    /// `bound` for a thread outside Swift concurrency (the interrupt's).
    package func boundSync<T>(_ body: () throws -> T) rethrows -> T {
        try RunContext.$current.withValue(self) {
            try ProcessGroups.$current.withValue(processes) {
                try WriteGate.$current.withValue(writes) { try body() }
            }
        }
    }

}
