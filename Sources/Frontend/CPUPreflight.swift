import Execution
import Foundation
import Model

/// `run` refuses a `cpu` its qemu does not know before anything is built: the error is the matrix's
/// (file:line:col, exit 2), not a run of cells that all die in qemu's "unable to find CPU model".
package enum CPUPreflight {
    /// `store`: the build cache's probe answers, so that a warm run does not ask an unchanged qemu again.
    package static func check(_ matrix: Matrix, store: ProbeAnswerStore? = nil) async throws {
        guard matrix.targets.contains(where: { $0.cpu != nil }) else { return }
        let dir = FileManager.default.temporaryDirectory.path + "/toolgate-cpu-\(ProcessInfo.processInfo.processIdentifier)"
        let problems = await CPUCheck.problems(matrix: matrix, dir: dir, store: store)
        try? FileManager.default.removeItem(atPath: dir)
        guard !problems.isEmpty else { return }
        throw Diagnostics(problems.map(\.diagnostic))
    }
}
