import ArgumentParser
import Execution
import Foundation
import Frontend
import Model

/// `toolgate doctor [MATRIX]`: every compiler, target and runner of a matrix checked on this machine.
struct Doctor: ContextCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check every compiler, target and runner of a matrix; print versions, what to install and known pitfalls.",
        discussion: """
            A target's 'sysroot' is checked for its loader, libc.so.6, libgcc_s.so.1, crt1.o and crti.o; the matrix's \
            'sandbox' mode against bubblewrap on this machine (docs/sysroot.md).
            Exit status: 0 when everything the matrix needs is here, 1 when something is missing or broken, 2 for a bad matrix.
            """)

    @OptionGroup var matrixOptions: MatrixOptions

    @Option(name: .long, help: ArgumentHelp("Also check what generating programs needs (csmith, its headers, cvise), as a [generate] matrix does.", valueName: "tool"))
    var generate: String?

    func run(in context: RunContext) async throws {
        let matrix = try matrixOptions.load()
        let work = FileManager.default.temporaryDirectory.path + "/toolgate-doctor-\(ProcessInfo.processInfo.processIdentifier)"
        defer { try? FileManager.default.removeItem(atPath: work) }
        // Ctrl-C kills the checks' compilers and emulators (their own process groups) and exits 130.
        let interruption = Interruption.install(context, cleanup: { try? FileManager.default.removeItem(atPath: work) })
        var findings = await DoctorChecks.run(matrix: matrix, workDir: work)
        if matrix.generate != nil || generate != nil { findings += await DoctorGenerate.checks(dir: work) }
        await interruption.holdIfStopping()
        var problems = 0
        for f in findings {
            writeOut(f.text + "\n")
            if f.isProblem { problems += 1 }
        }
        writeOut(problems == 0 ? "doctor: everything the matrix needs is here\n" : "doctor: \(problems) problem(s)\n")
        if problems > 0 { throw ExitCode(1) }
    }
}
