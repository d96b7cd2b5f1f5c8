import Testing
@testable import Model

@Suite struct MatrixDecoderTests {
    static let issueExample = """
        name = "default"
        fixtures = "../fixtures"              # relative to this file
        opt = ["-O2"]                         # one axis
        link = ["shared-libgcc", "static-libgcc", "static"]
        cflags = []
        timeout = 60
        exclude = [{ compiler = "clang", target = "i686", link = "static" }]

        [compilers.gcc]
        cc = "gcc"
        cxx = "g++"
        [compilers.gcc.targets.aarch64]
        cc = "aarch64-linux-gnu-gcc"
        cxx = "aarch64-linux-gnu-g++"

        [compilers.clang]
        cc = "clang-19"
        cxx = "clang++-19"
        [compilers.clang.targets.aarch64]
        cflags = ["--target=aarch64-linux-gnu"]

        [targets.x86_64]
        [targets.i686]
        cflags = ["-m32"]
        [targets.aarch64]
        runner = ["qemu-aarch64", "-L", "/usr/aarch64-linux-gnu"]
        """

    @Test func theIssueExampleDecodes() throws {
        let m = try MatrixDecoder.decode(Self.issueExample, path: "matrices/default.toml")
        #expect(m.name == "default")
        #expect(m.fixtures == "fixtures")
        #expect(m.links == [.sharedLibgcc, .staticLibgcc, .fullyStatic])
        #expect(m.compilers.map(\.name) == ["gcc", "clang"])
        #expect(m.targets.map(\.name) == ["x86_64", "i686", "aarch64"])
        #expect(m.target(named: "i686")?.machine == "i386")
        #expect(m.target(named: "aarch64")?.loader == "/lib/ld-linux-aarch64.so.1")
        #expect(m.target(named: "aarch64")?.sysroot == "/usr/aarch64-linux-gnu")
        let clang = try #require(m.compiler(named: "clang"))
        let aarch64 = try #require(m.target(named: "aarch64"))
        #expect(m.flags(compiler: clang, target: aarch64).cflags == ["--target=aarch64-linux-gnu"])
        #expect(m.compiler(named: "gcc")?.cc(for: "aarch64") == "aarch64-linux-gnu-gcc")
        #expect(m.exclude == [ExcludeRule(compiler: "clang", target: "i686", link: .fullyStatic)])
        #expect(m.timeout(compiler: clang, target: aarch64) == 60)
    }

    static let minimal = "[compilers.gcc]\ncc = \"gcc\"\n[targets.x86_64]\n"

    @Test(arguments: [
        ("link = [\"shared-static\"]\n", "m.toml:1:9: error: unknown link mode 'shared-static'; expected shared-libgcc, static-libgcc or static"),
        ("cflag = []\n", "m.toml:1:1: error: unknown key 'cflag' in the top level; did you mean 'cflags'?"),
        ("timeout = \"60\"\n", "m.toml:1:11: error: 'timeout' must be an integer, found a string"),
        ("opt = [\"-O2\", 3]\n", "m.toml:1:15: error: 'opt' must be an array of strings, found an integer in it"),
        ("exclude = [{ compiler = \"gc\" }]\n", "m.toml:1:25: error: unknown compiler 'gc' in 'exclude'; did you mean 'gcc'?"),
        ("exclude = [{ link = \"static-gcc\" }]\n", "m.toml:1:21: error: unknown link mode 'static-gcc'; expected shared-libgcc, static-libgcc or static"),
    ])
    func topLevelErrors(prefix: String, expected: String) {
        #expect(throws: Never.self) { try MatrixDecoder.decode(Self.minimal, path: "m.toml") }
        do {
            _ = try MatrixDecoder.decode(prefix + Self.minimal, path: "m.toml")
            Issue.record("no error for \(prefix)")
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test(arguments: [
        ("[compilers.gcc]\ncc = \"gcc\"\n[targets.x86_64]\n[targets.aarch46]\n",
         "m.toml:4:10: error: unknown target 'aarch46'; give its 'machine', 'class' and 'loader', or use aarch64, i686 or x86_64 (did you mean 'aarch64'?)"),
        ("[compilers.gcc]\ncc = \"gcc\"\n[targets.x86_64]\nrunnr = []\n",
         "m.toml:4:1: error: unknown key 'runnr' in [targets.x86_64]; did you mean 'runner'?"),
        ("[compilers.gcc]\ncc = \"gcc\"\n[compilers.gcc.targets.arm]\n[targets.x86_64]\n",
         "m.toml:3:24: error: unknown target 'arm' in [compilers.gcc.targets]; the matrix's targets are x86_64"),
        ("[compilers.gcc]\ncxx = \"g++\"\n[targets.x86_64]\n",
         "m.toml:1:12: error: [compilers.gcc] needs 'cc', the C compiler driver"),
        ("[compilers.gcc]\ncc = \"gcc\"\n[targets.x86_64]\nclass = 48\n",
         "m.toml:4:9: error: 'class' must be 32 or 64, found 48"),
    ])
    func tableErrors(text: String, expected: String) {
        do {
            _ = try MatrixDecoder.decode(text, path: "m.toml")
            Issue.record("no error")
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test func anUnknownTargetWithItsFactsIsAccepted() throws {
        let text = Self.minimal + "[targets.riscv64]\nmachine = \"riscv\"\nclass = 64\nloader = \"/lib/ld-linux-riscv64-lp64d.so.1\"\nrunner = [\"qemu-riscv64\"]\n"
        let m = try MatrixDecoder.decode(text, path: "m.toml")
        #expect(m.target(named: "riscv64") == TargetSpec(
            name: "riscv64", machine: "riscv", elfClass: 64, loader: "/lib/ld-linux-riscv64-lp64d.so.1", runner: ["qemu-riscv64"]))
    }

    @Test func flagsLayerFromGeneralToSpecific() throws {
        let text = """
            cflags = ["-top"]
            timeout = 5
            [compilers.gcc]
            cc = "gcc"
            cflags = ["-comp"]
            [compilers.gcc.targets.i686]
            cflags = ["-both"]
            timeout = 9
            [targets.i686]
            cflags = ["-m32"]
            ldflags = ["-L/x"]
            """
        var m = try MatrixDecoder.decode(text, path: "m.toml")
        let gcc = try #require(m.compiler(named: "gcc"))
        let i686 = try #require(m.target(named: "i686"))
        #expect(m.flags(compiler: gcc, target: i686).cflags == ["-top", "-comp", "-m32", "-both"])
        #expect(m.flags(compiler: gcc, target: i686).ldflags == ["-L/x"])
        #expect(m.timeout(compiler: gcc, target: i686) == 9)
        m.overrideTimeout(2)
        let gcc2 = try #require(m.compiler(named: "gcc"))
        #expect(m.timeout(compiler: gcc2, target: i686) == 2)
    }
}
