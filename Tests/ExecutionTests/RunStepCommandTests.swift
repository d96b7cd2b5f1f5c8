import Foundation
import Testing
@testable import Execution
@testable import Model

/// The run step's argv for each shape: sealed or not, with or without a sysroot, native or under qemu.
@Suite struct RunStepCommandTests {
    static let sealed = SandboxDecision(mode: .auto, bwrap: "/usr/bin/bwrap")

    func cell(target: TargetSpec, sysroot: String? = nil) -> Cell {
        let fixture = Fixture(name: "t", path: "/t", isDirectory: false, sources: [FixtureSource(path: "/t.c", fileName: "t.c")], annotations: FixtureAnnotations())
        var t = target
        t.explicitSysroot = sysroot
        return Cell(fixture: fixture, compiler: CompilerSpec(name: "gcc", cc: "gcc", cxx: "g++"), target: t, link: .sharedLibgcc, opt: "-O2")
    }

    let x86 = TargetSpec(name: "x86_64", machine: "x86_64", elfClass: 64, loader: "/lib64/ld-linux-x86-64.so.2")
    let arm = TargetSpec(
        name: "aarch64", machine: "aarch64", elfClass: 64, loader: "/lib/ld-linux-aarch64.so.1", runner: ["qemu-aarch64", "-L", "/usr/aarch64-linux-gnu"])

    /// A root with a directory, a file and a top-level symlink, as Serpent's `lib64 -> usr/lib`.
    func makeRoot(_ label: String = #function) throws -> TempDir {
        let root = try TempDir(label)
        try root.makeDirectory("usr/lib")
        try root.makeDirectory("tmp")
        try FileManager.default.createSymbolicLink(atPath: root.path("lib64"), withDestinationPath: "usr/lib")
        return root
    }

    @Test func nativeSealedWithoutSysrootBindsTheHostReadOnly() {
        let c = RunStepCommand.make(cell: cell(target: x86), cellDir: "/w/c", program: "./prog", name: "run", dynamic: true, decision: Self.sealed)
        #expect(c.sandbox == "bwrap")
        #expect(Array(c.argv.prefix(4)) == ["/usr/bin/bwrap", "--ro-bind", "/", "/"])
        for flag in ["--unshare-pid", "--unshare-net", "--die-with-parent"] { #expect(c.argv.contains(flag)) }
        #expect(c.argv.suffix(2) == ["--", "./prog"])
        #expect(c.argv.contains("LD_DEBUG_OUTPUT") && c.loaderReport == "/w/c/run.ld-debug")
        #expect(!c.argv.contains("--remount-ro"))
    }

    @Test func nativeSealedWithSysrootMakesItTheRoot() throws {
        let made = try makeRoot()
        let root = made.path
        let c = RunStepCommand.make(cell: cell(target: x86, sysroot: root), cellDir: "/w/c", program: "./prog", name: "run", dynamic: true, decision: Self.sealed)
        let joined = c.argv.joined(separator: " ")
        #expect(joined.hasPrefix("/usr/bin/bwrap --tmpfs / --symlink usr/lib /lib64 --ro-bind \(root)/usr /usr --dev /dev"), "\(joined)")
        #expect(!joined.contains("\(root)/tmp"), "the sandbox's /tmp is its own")
        #expect(joined.contains("--bind /w/c /w/c --remount-ro /"))
        #expect(c.hostPath("/usr/lib/libc.so.6", cellDir: "/w/c") == root + "/usr/lib/libc.so.6")
        #expect(c.hostPath("./libx.so", cellDir: "/w/c") == "/w/c/libx.so")
    }

    @Test func qemuSealedWithSysrootRunsWithDashLSlashFromTheHostDir() throws {
        let made = try makeRoot()
        let root = made.path
        var decision = Self.sealed
        decision.runnerBindings["qemu-aarch64"] = RunnerBinding(
            executable: "/usr/bin/qemu-aarch64", loader: "/lib64/ld-linux-x86-64.so.2", libraries: ["/lib/x86_64-linux-gnu/libz.so.1"])
        let c = RunStepCommand.make(cell: cell(target: arm, sysroot: root), cellDir: "/w/c", program: "./prog", name: "run-2", dynamic: true, decision: decision)
        let inner = Array(c.argv.suffix(from: (c.argv.firstIndex(of: "--") ?? 0) + 1))
        #expect(inner == [
            "/.toolgate/host/ld.so", "--library-path", "/.toolgate/host/lib", "/.toolgate/host/qemu-aarch64", "-L", "/",
            "-E", "LD_DEBUG=files:libs", "-E", "LD_DEBUG_OUTPUT=/w/c/run-2.ld-debug", "./prog",
        ])
        #expect(c.argv.joined(separator: " ").contains("--ro-bind /lib/x86_64-linux-gnu/libz.so.1 /.toolgate/host/lib/libz.so.1"))
    }

    @Test func unsealedRunsUseEnvAndTheSysrootsOwnLoader() throws {
        let made = try makeRoot()
        let root = made.path
        let plain = RunStepCommand.make(cell: cell(target: x86), cellDir: "/w/c", program: "./prog", name: "run", dynamic: true, decision: .unsealed)
        #expect(plain.argv == ["env", "LD_DEBUG=files:libs", "LD_DEBUG_OUTPUT=/w/c/run.ld-debug", "./prog"])
        let staticProgram = RunStepCommand.make(cell: cell(target: x86), cellDir: "/w/c", program: "./prog", name: "run", dynamic: false, decision: .unsealed)
        #expect(staticProgram.argv == ["./prog"] && staticProgram.loaderReport == nil)
        let staged = RunStepCommand.make(cell: cell(target: x86, sysroot: root), cellDir: "/w/c", program: "./prog", name: "run", dynamic: true, decision: .unsealed)
        #expect(staged.argv.contains(root + "/usr/lib/ld-linux-x86-64.so.2"), "lib64 -> usr/lib followed inside the root: \(staged.argv)")
        let qemu = RunStepCommand.make(cell: cell(target: arm, sysroot: root), cellDir: "/w/c", program: "./prog", name: "run", dynamic: true, decision: .unsealed)
        #expect(Array(qemu.argv.prefix(3)) == ["qemu-aarch64", "-L", root])
    }
}
