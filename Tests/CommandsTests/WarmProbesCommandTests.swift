import Foundation
import Testing

/// Issue 11: "a warm run then starts no probe for a tool that has not changed". The real toolgate, gcc,
/// the aarch64 cross gcc, qemu and bubblewrap, each compiler, emulator and bwrap behind a wrapper that
/// logs its argv before it execs the real one: a cold run asks every probe, a warm run with the same cache
/// asks none, and a changed emulator is asked again.
@Suite(.timeLimit(.minutes(5)), .blocking) struct WarmProbesCommandTests {
    /// DIR/bin/NAME, logging to DIR/NAME.log; inside a sealed run step, where /tmp is the sandbox's own,
    /// the line is lost and the real tool still starts.
    static func wrapper(_ dir: TempDir, _ name: String, _ real: String, comment: String = "") throws -> String {
        let path = dir.path("bin/\(name)")
        try FileManager.default.createDirectory(atPath: dir.path("bin"), withIntermediateDirectories: true)
        try "#!/bin/sh\n\(comment){ printf '%s\\n' \"$*\" >> \(dir.path("\(name).log")); } 2>/dev/null\nexec \(real) \"$@\"\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    static func log(_ dir: TempDir, _ name: String) -> [String] {
        ((try? String(contentsOfFile: dir.path("\(name).log"), encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    @Test func aWarmRunStartsNoProbeAndAChangedEmulatorIsAskedAgain() throws {
        for tool in ["gcc", "aarch64-linux-gnu-gcc", "qemu-aarch64", "bwrap"] { _ = try Spawn.require(tool) }
        let dir = try TempDir()
        let gcc = try Self.wrapper(dir, "gcc", "gcc"), gxx = try Self.wrapper(dir, "g++", "g++")
        // A sealed aarch64 run step sees only the sysroot and the runner's own ELF files, so a script runner
        // cannot start there: the aarch64 cells are excluded, and its qemu is still asked for its CPUs.
        let qemu = try Self.wrapper(dir, "qemu-aarch64", "qemu-aarch64")
        let bwrap = try Self.wrapper(dir, "bwrap", try Spawn.require("bwrap"))
        try dir.write("fixtures/hello.c", "// EXPECT-STDOUT: hello\n#include <stdio.h>\n#include <errno.h>\nint main(void) { puts(\"hello\"); return EINVAL == 0; }\n")
        // `m` names the package that brings libm: its runtime probe links through the gcc wrapper.
        try dir.write("matrix.toml", """
            fixtures = "fixtures"
            link = ["shared-libgcc"]
            sandbox = "bwrap"
            exclude = [{ target = "aarch64" }]
            [compilers.gcc]
            cc = "\(gcc)"
            cxx = "\(gxx)"
            [compilers.gcc.targets.aarch64]
            cc = "aarch64-linux-gnu-gcc"
            cxx = "aarch64-linux-gnu-g++"
            [targets.x86_64]
            [targets.i686]
            cflags = ["-m32"]
            [targets.aarch64]
            runner = ["\(qemu)", "-L", "/usr/aarch64-linux-gnu"]
            cpu = "cortex-a72"
            [axes.libm]
            phase = "link"
            plain = {}
            m = { ldflags = ["-lm"], provided_by = "libc6-dev" }
            """)
        let env = ["TOOLGATE_BWRAP": bwrap]
        func run(_ out: String) throws {
            let r = try ToolgateBinary.run(["run", dir.path("matrix.toml"), "--out", dir.path(out), "--cache-dir", dir.path("cache")],
                                           timeout: 240, environment: env)
            #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        }

        try run("cold")
        let coldGcc = Self.log(dir, "gcc")
        #expect(coldGcc.contains { $0.contains("--version") }, "\(coldGcc)")
        #expect(coldGcc.contains { $0.contains("-m32") && $0.contains("asm-errno.c") }, "the i686 probe: \(coldGcc)")
        #expect(coldGcc.contains { $0.contains("probe.c") && $0.contains("-lm") }, "the runtime probe: \(coldGcc)")
        #expect(Self.log(dir, "qemu-aarch64").contains("-cpu help"))
        #expect(Self.log(dir, "bwrap").contains { $0.hasSuffix("-- true") })
        let (qemuLines, bwrapLines) = (Self.log(dir, "qemu-aarch64").count, Self.log(dir, "bwrap").count)

        try run("warm")
        // Every compile and link hits the cache, and every probe's answer is kept: gcc is not started at all.
        #expect(Self.log(dir, "gcc") == coldGcc, "\(Self.log(dir, "gcc").dropFirst(coldGcc.count))")
        let warmQemu = Self.log(dir, "qemu-aarch64").dropFirst(qemuLines), warmBwrap = Self.log(dir, "bwrap").dropFirst(bwrapLines)
        #expect(!warmQemu.contains("-cpu help"), "\(warmQemu)")
        #expect(!warmBwrap.isEmpty && !warmBwrap.contains { $0.hasSuffix("-- true") }, "\(warmBwrap)")
        let warm = try String(contentsOfFile: dir.path("warm/report.json"), encoding: .utf8)
        #expect(warm.contains("-idirafter"), "the i686 workaround still applies, from the kept answer")

        // A changed emulator file: its CPU list is asked again.
        _ = try Self.wrapper(dir, "qemu-aarch64", "qemu-aarch64", comment: "# changed\n")
        let before = Self.log(dir, "qemu-aarch64").count
        try run("changed")
        #expect(Self.log(dir, "qemu-aarch64").dropFirst(before).contains("-cpu help"))
    }
}
