import Testing
@testable import Model

/// `cpu` in `[targets.T]`: where `-cpu NAME` goes in the runner, and the located errors of a bad one.
@Suite struct TargetCPUTests {
    static let compiler = "[compilers.gcc]\ncc = \"gcc\"\n"

    @Test func aForeignTargetGetsCpuRightAfterItsEmulator() throws {
        let m = try MatrixDecoder.decode(
            Self.compiler + "[targets.aarch64]\nrunner = [\"qemu-aarch64\", \"-L\", \"/usr/aarch64-linux-gnu\"]\ncpu = \"cortex-a72\"\n", path: "m.toml")
        let t = try #require(m.target(named: "aarch64"))
        #expect(t.runner == ["qemu-aarch64", "-cpu", "cortex-a72", "-L", "/usr/aarch64-linux-gnu"])
        #expect(t.cpu == TargetCPU(name: "cortex-a72", location: SourceLocation(line: 5, column: 7)))
        #expect(t.sysroot == "/usr/aarch64-linux-gnu")
        #expect(IllegalInstruction.reason(target: t) == "illegal instruction on cpu cortex-a72")
    }

    @Test func aNativeTargetRunsUnderQemuForItsMachine() throws {
        let m = try MatrixDecoder.decode(
            Self.compiler + "[targets.x86_64]\ncpu = \"Nehalem\"\n[targets.i686]\ncflags = [\"-m32\"]\ncpu = \"pentium3\"\n", path: "m.toml")
        #expect(m.target(named: "x86_64")?.runner == ["qemu-x86_64", "-cpu", "Nehalem"])
        #expect(m.target(named: "i686")?.runner == ["qemu-i386", "-cpu", "pentium3"])
        let withFeature = try MatrixDecoder.decode(Self.compiler + "[targets.x86_64]\ncpu = \"Haswell,-avx2\"\n", path: "m.toml")
        #expect(withFeature.target(named: "x86_64")?.cpu?.model == "Haswell")
    }

    @Test func withoutCpuNothingChanges() throws {
        let m = try MatrixDecoder.decode(Self.compiler + "[targets.x86_64]\n[targets.aarch64]\nrunner = [\"qemu-aarch64\"]\n", path: "m.toml")
        #expect(m.target(named: "x86_64")?.runner == [])
        #expect(m.target(named: "aarch64")?.runner == ["qemu-aarch64"])
        #expect(m.target(named: "aarch64")?.cpu == nil)
        let aarch64 = try #require(m.target(named: "aarch64"))
        let x86 = try #require(m.target(named: "x86_64"))
        #expect(IllegalInstruction.reason(target: aarch64) == "illegal instruction on cpu max")
        #expect(IllegalInstruction.reason(target: x86) == "illegal instruction on the host's cpu")
    }

    @Test(arguments: [
        ("[targets.aarch64]\nrunner = [\"box64\"]\ncpu = \"cortex-a72\"\n",
         "m.toml:5:7: error: 'cpu' needs a qemu-user runner, and 'runner' starts with 'box64'; drop 'cpu' or run under qemu"),
        ("[targets.aarch64]\nrunner = [\"qemu-aarch64\", \"-cpu\", \"max\"]\ncpu = \"cortex-a72\"\n",
         "m.toml:5:7: error: the cpu is given twice: 'cpu' and '-cpu' in 'runner'; keep 'cpu'"),
        ("[targets.x86_64]\ncpu = \"Nehalem,-sse4.2 x\"\n", "m.toml:4:7: error: 'cpu' must be one qemu cpu name such as 'cortex-a72' (qemu's ',+feature' suffixes allowed), found 'Nehalem,-sse4.2 x'"),
        ("[targets.x86_64]\ncpu = 72\n", "m.toml:4:7: error: 'cpu' must be a string, found an integer"),
        ("[targets.x86_64]\ncpus = \"a\"\n", "m.toml:4:1: error: unknown key 'cpus' in [targets.x86_64]; did you mean 'cpu'?"),
    ])
    func badCpuIsALocatedError(table: String, expected: String) {
        do {
            _ = try MatrixDecoder.decode(Self.compiler + table, path: "m.toml")
            Issue.record("no error for \(table)")
        } catch {
            #expect(error.description == expected)
        }
    }
}
