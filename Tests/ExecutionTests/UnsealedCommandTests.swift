import Foundation
import Testing
@testable import Execution
@testable import Model

/// A recorded run step made plain again for `reduce`: every shape RunStepCommand makes comes back to the
/// program under its runner, without bubblewrap or the loader's report.
@Suite struct UnsealedCommandTests {
    static let sealed = SandboxDecision(mode: .auto, bwrap: "/usr/bin/bwrap")
    static let open = SandboxDecision(mode: .none, bwrap: nil)
    let x86 = TargetSpec(name: "x86_64", machine: "x86_64", elfClass: 64, loader: "/lib64/ld-linux-x86-64.so.2")
    let arm = TargetSpec(
        name: "aarch64", machine: "aarch64", elfClass: 64, loader: "/lib/ld-linux-aarch64.so.1",
        runner: ["qemu-aarch64", "-cpu", "cortex-a72", "-L", "/usr/aarch64-linux-gnu"])

    func argv(_ target: TargetSpec, _ decision: SandboxDecision) -> [String] {
        RunStepCommand.make(target: target, sysroot: nil, cellDir: "/w/c", program: "./prog", name: "run", dynamic: true, decision: decision).argv
    }

    @Test func nativeRunsComeBackToTheProgram() {
        #expect(argv(x86, Self.sealed).first == "/usr/bin/bwrap")
        #expect(RunStepCommand.unsealed(argv(x86, Self.sealed)) == ["./prog"])
        #expect(argv(x86, Self.open).first == "env")
        #expect(RunStepCommand.unsealed(argv(x86, Self.open)) == ["./prog"])
    }

    @Test func qemuRunsKeepTheirRunnerAndCpu() {
        let plain = ["qemu-aarch64", "-cpu", "cortex-a72", "-L", "/usr/aarch64-linux-gnu", "./prog"]
        #expect(argv(arm, Self.sealed).contains("LD_DEBUG=files:libs"))
        #expect(RunStepCommand.unsealed(argv(arm, Self.sealed)) == plain)
        #expect(RunStepCommand.unsealed(argv(arm, Self.open)) == plain)
    }

    @Test func aBoundEmulatorIsNamedByItsHostPath() {
        let recorded = [
            "/usr/bin/bwrap", "--ro-bind", "/usr/bin/qemu-aarch64", "/.toolgate/host/qemu-aarch64",
            "--ro-bind", "/lib64/ld-linux-x86-64.so.2", "/.toolgate/host/ld.so", "--unshare-pid", "--",
            "/.toolgate/host/ld.so", "--library-path", "/.toolgate/host/lib", "/.toolgate/host/qemu-aarch64",
            "-L", "/", "-E", "LD_DEBUG=files:libs", "-E", "LD_DEBUG_OUTPUT=/w/c/run.ld-debug", "./prog",
        ]
        #expect(RunStepCommand.unsealed(recorded) == ["/usr/bin/qemu-aarch64", "-L", "/", "./prog"])
    }
}
