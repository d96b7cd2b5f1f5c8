import Execution
import Foundation
import Model

/// `run` refuses a `cpu` its qemu does not know before anything is built: the error is the matrix's
/// (file:line:col, exit 2), not a run of cells that all die in qemu's "unable to find CPU model".
package enum CPUPreflight {
    package static func check(_ matrix: Matrix) async throws {
        guard matrix.targets.contains(where: { $0.cpu != nil }) else { return }
        let dir = FileManager.default.temporaryDirectory.path + "/toolgate-cpu-\(ProcessInfo.processInfo.processIdentifier)"
        let problems = await CPUCheck.problems(matrix: matrix, dir: dir)
        try? FileManager.default.removeItem(atPath: dir)
        guard !problems.isEmpty else { return }
        throw Diagnostics(problems.map(\.diagnostic))
    }
}
