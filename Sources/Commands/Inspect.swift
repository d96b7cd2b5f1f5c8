import ArgumentParser
import ELFInspection
import Foundation
import Reporting

/// `toolgate inspect [--json] FILE...`: the ELF facts of each file, a table per file or one JSON array.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the ELF facts of files: linkage, hardening, libgcc, glibc versions, DWARF producers.",
        discussion: """
            Exit status: 0 when every file was read, 2 when any could not be (its entry says why).
            The JSON fields are defined in docs/inspect.md.
            """)

    @Flag(name: .long, help: "Print one JSON array, one object per file in input order.")
    var json = false

    @Option(name: [.customShort("j"), .long], help: "Files read in parallel (default: the number of cores).")
    var jobs: Int = ELFInspector.defaultJobs

    @Argument(help: "ELF files to inspect.")
    var files: [String] = []

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("'--jobs' must be at least 1") }
    }

    func run() throws {
        // Checked here, not in validate(): the fast path of InspectOperands parses options before files.
        guard !files.isEmpty else { throw ValidationError("give at least one file to inspect") }
        // Each worker renders what it read, so JSON is written on all cores too.
        let rendered = ELFInspector.inspect(paths: files, jobs: jobs) { result in
            Rendered(
                bytes: json ? InspectJSON.element(result) : Array(InspectTable.block(result).utf8),
                failure: result.failureDescription)
        }
        let output = json
            ? InspectJSON.assemble(rendered.map(\.bytes))
            : Array(rendered.map(\.bytes).joined(separator: Array("\n".utf8)))
        FileHandle.standardOutput.write(Data(output))
        var failed = false
        for case let failure? in rendered.map(\.failure) {
            FileHandle.standardError.write(Data("toolgate: error: \(failure)\n".utf8))
            failed = true
        }
        if failed { throw ExitCode(2) }
    }
}

private struct Rendered: Sendable {
    let bytes: [UInt8]
    let failure: String?
}

extension InspectResult {
    var failureDescription: String? {
        if case .failure(_, let error) = self { return error.description }
        return nil
    }
}
