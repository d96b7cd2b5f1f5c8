import Testing
@testable import Model

@Suite struct SysrootMatrixTests {
    static let base = """
        [compilers.gcc]
        cc = "gcc"
        [compilers.gcc.targets.aarch64]
        cc = "aarch64-linux-gnu-gcc"
        sysroot = "/stage/arm"
        [targets.x86_64]
        sysroot = "stage"
        [targets.aarch64]
        runner = ["qemu-aarch64", "-L", "/usr/aarch64-linux-gnu"]
        """

    @Test func theMoreSpecificSysrootWinsAndRelativeIsTheMatrixDirectorys() throws {
        let m = try MatrixDecoder.decode(Self.base, path: "/work/m/matrix.toml")
        let gcc = try #require(m.compiler(named: "gcc"))
        let x86 = try #require(m.target(named: "x86_64")), arm = try #require(m.target(named: "aarch64"))
        #expect(x86.sysroot == "/work/m/stage")
        #expect(m.sysroot(compiler: gcc, target: x86) == "/work/m/stage")
        #expect(arm.sysroot == "/usr/aarch64-linux-gnu", "the runner's -L when the target names none")
        #expect(m.sysroot(compiler: gcc, target: arm) == "/stage/arm")
        #expect(m.buildSysroot(compiler: gcc, target: arm) == "/stage/arm")
        #expect(m.sandbox == .auto)
    }

    @Test(arguments: [
        ("[targets.x86_64]\nsysroot = 3", "'sysroot' must be a string, found"),
        ("[targets.x86_64]\nsysroot = \"\"", "'sysroot' must not be empty"),
        ("sandbox = \"firejail\"", "unknown sandbox 'firejail'"),
        ("sandbox = true", "'sandbox' must be a string"),
    ])
    func badValuesAreLocated(_ text: String, _ message: String) throws {
        let full = text.hasPrefix("sandbox") ? text + "\n[compilers.gcc]\ncc = \"gcc\"\n[targets.x86_64]" : "[compilers.gcc]\ncc = \"gcc\"\n" + text
        do {
            _ = try MatrixDecoder.decode(full, path: "m.toml")
            Issue.record("decoded: \(text)")
        } catch {
            #expect(error.description.hasPrefix("m.toml:"), "\(error)")
            #expect(error.location != nil)
            #expect(error.message.contains(message), "\(error)")
        }
    }

    @Test func sandboxModesDecode() throws {
        for mode in SandboxMode.allCases {
            let m = try MatrixDecoder.decode("sandbox = \"\(mode.rawValue)\"\n[compilers.gcc]\ncc = \"gcc\"\n[targets.x86_64]", path: "m.toml")
            #expect(m.sandbox == mode)
        }
    }
}
