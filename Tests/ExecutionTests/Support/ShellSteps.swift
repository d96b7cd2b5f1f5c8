@testable import Execution
@testable import Model

/// A suite whose steps are `sh -c SCRIPT` in a directory of its own, output to `out` and `err` there.
protocol ShellStepSuite {
    var dir: String { get }
}

extension ShellStepSuite {
    func request(_ script: String, timeout: Int = 20, limits: RunLimits? = nil) -> StepRequest {
        StepRequest(
            argv: ["sh", "-c", script], cwd: dir, timeoutSeconds: timeout, limits: limits,
            stdoutPath: dir + "/out", stderrPath: dir + "/err")
    }
}
