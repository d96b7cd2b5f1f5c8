import Foundation
import Testing

/// `doctor` on a matrix whose target names a sysroot: a copy of the aarch64 cross root (hard links)
/// without libgcc_s.so.1 and crti.o is named piece by piece, and the exit status is 1.
@Suite("doctor and a sysroot", .timeLimit(.minutes(4)), .blocking)
struct DoctorSysrootCommandTests {
    @Test func namesWhatTheSysrootLacks() throws {
        for tool in ["aarch64-linux-gnu-gcc", "qemu-aarch64", "cp"] { _ = try Spawn.require(tool) }
        let dir = try TempDir()
        let root = dir.path("root")
        // A real copy: hard links would change the host files' ctime, which makes the build cache of a
        // test running beside this one refuse to store (its race guard).
        try Spawn.check("cp", ["-a", "/usr/aarch64-linux-gnu", root], timeout: .seconds(300))
        for name in try FileManager.default.contentsOfDirectory(atPath: root + "/lib") where name.hasPrefix("libgcc_s.so") || name == "crti.o" {
            try FileManager.default.removeItem(atPath: root + "/lib/" + name)
        }
        try FileManager.default.createDirectory(atPath: dir.path("fixtures"), withIntermediateDirectories: true)
        try """
            fixtures = "fixtures"
            [compilers.gcc]
            cc = "aarch64-linux-gnu-gcc"
            cxx = "aarch64-linux-gnu-g++"
            [targets.aarch64]
            runner = ["qemu-aarch64"]
            sysroot = "root"
            """.write(toFile: dir.path("matrix.toml"), atomically: true, encoding: .utf8)
        let run = try ToolgateBinary.run(["doctor", dir.path("matrix.toml")])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("ok       aarch64 loader \(root)/lib/ld-linux-aarch64.so.1"), "\(run.stdout)")
        #expect(run.stdout.contains("ok       aarch64 \(root)/lib/libc.so.6"), "\(run.stdout)")
        #expect(run.stdout.contains("missing  aarch64 libgcc_s.so.1 in \(root)"), "\(run.stdout)")
        #expect(run.stdout.contains("missing  aarch64 crti.o in \(root)"), "\(run.stdout)")
        #expect(run.stdout.contains("ok       aarch64 \(root)/lib/crt1.o"), "\(run.stdout)")
    }
}
