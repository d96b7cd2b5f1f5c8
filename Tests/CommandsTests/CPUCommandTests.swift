import Foundation
import Testing

/// Issue 9 §6, "The CPU": one aarch64 binary built with -march=armv8.2-a uses LSE atomics; it passes
/// under qemu's default `max` and dies with SIGILL as `cpu = "cortex-a72"`, whose reason names the cpu
/// and the faulting instruction. Through `toolgate run` and `compare`, so the matrix key, the runner
/// argv, the reason and the comparison's evidence are all the real ones.
@Suite("The CPU", .serialized, .timeLimit(.minutes(4)), .blocking)
struct CPUCommandTests {
    static let fixture = """
        // EXPECT-STDOUT: 10
        #include <stdio.h>
        long counter;
        int main(void) {
            for (int i = 0; i < 10; i++) __atomic_fetch_add(&counter, 1, __ATOMIC_SEQ_CST);
            printf("%ld\\n", counter);
            return 0;
        }

        """

    static func matrix(cpu: String?) -> String {
        """
        name = "cpu"
        fixtures = "fixtures"
        opt = ["-O2"]
        link = ["shared-libgcc", "static"]
        timeout = 30
        [compilers.gcc]
        cc = "aarch64-linux-gnu-gcc"
        cxx = "aarch64-linux-gnu-g++"
        [targets.aarch64]
        runner = ["qemu-aarch64", "-L", "/usr/aarch64-linux-gnu"]
        cflags = ["-march=armv8.2-a"]
        \(cpu.map { "cpu = \"\($0)\"" } ?? "")

        """
    }

    static func cells(_ reportPath: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: reportPath))
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(report["cells"] as? [[String: Any]])
    }

    @Test func armv82PassesAsMaxAndDiesAsCortexA72WithItsInstruction() throws {
        for tool in ["aarch64-linux-gnu-gcc", "aarch64-linux-gnu-objdump", "qemu-aarch64", "prlimit"] { _ = try Spawn.require(tool) }
        let dir = try TempDir()
        try FileManager.default.createDirectory(atPath: dir.path("fixtures"), withIntermediateDirectories: true)
        try Self.fixture.write(toFile: dir.path("fixtures/lse.c"), atomically: true, encoding: .utf8)
        let cache = ["--cache-dir", dir.path("cache")]

        try Self.matrix(cpu: nil).write(toFile: dir.path("max.toml"), atomically: true, encoding: .utf8)
        let max = try ToolgateBinary.run(["run", dir.path("max.toml"), "--out", dir.path("max"), "-j", "2", "--keep-work", "all"] + cache)
        #expect(max.status == 0, "\(max.stdout)\n\(max.stderr)")
        let maxCells = try Self.cells(dir.path("max/report.json"))
        #expect(maxCells.count == 2)
        #expect(maxCells.allSatisfy { $0["status"] as? String == "pass" }, "\(maxCells.map { $0["reason"] ?? "" })")

        // The program really uses LSE: objdump of the binary the run built.
        let program = dir.path("max/work/lse/gcc/aarch64/O2/shared-libgcc/prog")
        let disassembly = try Spawn.check("aarch64-linux-gnu-objdump", ["-d", program]).stdout
        #expect(disassembly.contains("ldadd"), "no LSE atomic in \(program)")

        try Self.matrix(cpu: "cortex-a72").write(toFile: dir.path("a72.toml"), atomically: true, encoding: .utf8)
        let a72 = try ToolgateBinary.run(["run", dir.path("a72.toml"), "--out", dir.path("a72"), "-j", "2"] + cache)
        #expect(a72.status == 1, "\(a72.stdout)\n\(a72.stderr)")
        let a72Cells = try Self.cells(dir.path("a72/report.json"))
        #expect(a72Cells.count == 2)
        for cell in a72Cells {
            let reason = cell["reason"] as? String ?? ""
            #expect(cell["status"] as? String == "crash")
            #expect(cell["signal"] as? String == "SIGILL")
            #expect(reason.hasPrefix("illegal instruction on cpu cortex-a72: ldadd"), "\(reason)")
            #expect(reason.contains(" at main+0x"), "\(reason)")
            let commands = try #require(cell["commands"] as? [[String: Any]])
            let argv = try #require(commands.last?["argv"] as? [String])
            // Sealed or not, the emulator runs as the target's cpu (a sandbox's own argv may come first).
            let command = argv.firstIndex(of: "--").map { $0 + 1 } ?? 0
            let emulator = try #require(argv[command...].firstIndex(where: { $0.hasSuffix("qemu-aarch64") }), "\(argv)")
            #expect(Array(argv[emulator...].prefix(3).dropFirst()) == ["-cpu", "cortex-a72"], "\(argv)")
        }
        // The same binary both times: the second run's links came from the cache, byte for byte.
        func buildIDs(_ cells: [[String: Any]]) -> [String] { cells.map { (($0["elf"] as? [String: Any])?["build_id"] as? String) ?? "-" } }
        #expect(buildIDs(maxCells) == buildIDs(a72Cells))
        #expect(!buildIDs(maxCells).contains("-"))

        let compared = try ToolgateBinary.run(["compare", dir.path("max/report.json"), dir.path("a72/report.json")])
        #expect(compared.status == 1)
        #expect(compared.stdout.contains("illegal instruction on cpu cortex-a72: ldadd"), "\(compared.stdout)")
    }

    @Test func aCpuQemuDoesNotKnowIsALocatedMatrixError() throws {
        _ = try Spawn.require("qemu-aarch64")
        let dir = try TempDir()
        try FileManager.default.createDirectory(atPath: dir.path("fixtures"), withIntermediateDirectories: true)
        try Self.fixture.write(toFile: dir.path("fixtures/lse.c"), atomically: true, encoding: .utf8)
        try Self.matrix(cpu: "cortexa72").write(toFile: dir.path("m.toml"), atomically: true, encoding: .utf8)
        let r = try ToolgateBinary.run(["run", dir.path("m.toml"), "--out", dir.path("out"), "--no-cache"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix(
            "\(dir.path("m.toml")):12:7: error: unknown cpu 'cortexa72' for qemu-aarch64 in [targets.aarch64]; did you mean 'cortex-a72'?"),
            "\(r.stderr)")
        #expect(r.stderr.contains("cortex-a53"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("out/report.json")), "nothing runs before the matrix is right")

        // doctor names it as a finding, and says which cpu a good matrix runs as.
        let doctor = try ToolgateBinary.run(["doctor", dir.path("m.toml")])
        #expect(doctor.status == 1)
        #expect(doctor.stdout.contains("error    \(dir.path("m.toml")):12:7: error: unknown cpu 'cortexa72'"), "\(doctor.stdout)")
        try Self.matrix(cpu: "cortex-a72").write(toFile: dir.path("good.toml"), atomically: true, encoding: .utf8)
        let good = try ToolgateBinary.run(["doctor", dir.path("good.toml")])
        #expect(good.stdout.contains("ok       aarch64 runs as cpu cortex-a72 (qemu-aarch64 -cpu cortex-a72 -L /usr/aarch64-linux-gnu)"), "\(good.stdout)")
    }
}

extension CPUCommandTests {
    /// A native target with `cpu`: qemu-x86_64 -cpu Nehalem runs x86 code on this x86 host as a CPU
    /// without BMI2, so pdep is illegal there, while the host runs it (the test checks the host can).
    @Test func aNativeX86TargetRunsAsAnOlderCpu() throws {
        for tool in ["gcc", "objdump", "qemu-x86_64", "prlimit"] { _ = try Spawn.require(tool) }
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        try #require(cpuinfo.contains(" bmi2"), "this test needs a host with BMI2")
        let dir = try TempDir()
        try FileManager.default.createDirectory(atPath: dir.path("fixtures"), withIntermediateDirectories: true)
        let fixture = """
            // CFLAGS: -mbmi2
            // EXPECT-STDOUT: 5
            #include <immintrin.h>
            #include <stdio.h>
            volatile unsigned long long source = 3, mask = 0x5;
            int main(void) { printf("%llu\\n", _pdep_u64(source, mask)); return 0; }

            """
        try fixture.write(toFile: dir.path("fixtures/pdep.c"), atomically: true, encoding: .utf8)
        let matrix = """
            fixtures = "fixtures"
            link = ["shared-libgcc"]
            timeout = 30
            [compilers.gcc]
            cc = "gcc"
            cxx = "g++"
            [targets.x86_64]
            [targets.nehalem]
            machine = "x86_64"
            class = 64
            loader = "/lib64/ld-linux-x86-64.so.2"
            cpu = "Nehalem"

            """
        try matrix.write(toFile: dir.path("m.toml"), atomically: true, encoding: .utf8)
        let r = try ToolgateBinary.run(["run", dir.path("m.toml"), "--out", dir.path("out"), "--no-cache"])
        #expect(r.status == 1, "\(r.stdout)\n\(r.stderr)")
        let cells = try Self.cells(dir.path("out/report.json"))
        let host = try #require(cells.first { $0["target"] as? String == "x86_64" })
        let nehalem = try #require(cells.first { $0["target"] as? String == "nehalem" })
        #expect(host["status"] as? String == "pass")
        #expect(nehalem["status"] as? String == "crash")
        let reason = nehalem["reason"] as? String ?? ""
        #expect(reason.hasPrefix("illegal instruction on cpu Nehalem: pdep %"), "\(reason)")
        #expect(reason.contains("at main"), "\(reason)")
    }
}
