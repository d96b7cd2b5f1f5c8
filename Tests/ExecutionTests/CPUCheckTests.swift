import Foundation
import Testing
@testable import Execution
@testable import Model

/// The installed qemu's `-cpu help`, and the SIGILL trace's parsers on a real qemu log and real objdump.
@Suite(.timeLimit(.minutes(2))) struct CPUCheckTests {
    let scratch: TempDir
    var dir: String { scratch.path }

    init() throws { scratch = try TempDir("cpu") }

    @Test func cpuHelpListsTheModels() async throws {
        let aarch64 = try #require(await CPUCheck.knownCPUs(emulator: "qemu-aarch64", dir: dir, tag: "a"))
        #expect(aarch64.contains("cortex-a72"))
        #expect(aarch64.contains("max"))
        #expect(!aarch64.contains(where: { $0.contains(" ") || $0.hasSuffix(":") }))
        let x86 = try #require(await CPUCheck.knownCPUs(emulator: "qemu-x86_64", dir: dir, tag: "x"))
        #expect(x86.contains("Nehalem"))
        #expect(x86.contains("qemu64"))
        #expect(!x86.contains("x86"), "the 'x86' column is not a name")
        // Nothing under "Recognized CPUID flags:" is a model.
        #expect(!x86.contains("avx2"))
        #expect(await CPUCheck.knownCPUs(emulator: "/nonexistent/qemu-none", dir: dir, tag: "n") == nil)
    }

    @Test func aMatrixCpuIsCheckedAgainstTheList() async throws {
        let text = "[compilers.gcc]\ncc = \"gcc\"\n[targets.aarch64]\nrunner = [\"qemu-aarch64\"]\ncpu = \"cortex-a99\"\n[targets.x86_64]\ncpu = \"Nehalem,-sse4.2\"\n"
        let m = try MatrixDecoder.decode(text, path: "m.toml")
        let problems = await CPUCheck.problems(matrix: m, dir: dir)
        #expect(problems.count == 1)
        #expect(problems.first?.location == SourceLocation(line: 5, column: 7))
        #expect(problems.first?.message.hasPrefix("unknown cpu 'cortex-a99' for qemu-aarch64 in [targets.aarch64]") == true)
    }

    /// qemu's own trace of a SIGILL run, then objdump at the address it gives.
    @Test func theTraceOfARealSigill() async throws {
        let source = dir + "/lse.c"
        try "long c; int main(void) { __atomic_fetch_add(&c, 1, __ATOMIC_SEQ_CST); return 0; }\n".write(toFile: source, atomically: true, encoding: .utf8)
        let build = await ProcessRunner.run(StepRequest(
            argv: ["aarch64-linux-gnu-gcc", "-O2", "-march=armv8.2-a", source, "-o", dir + "/prog"], cwd: dir, timeoutSeconds: 60,
            stdoutPath: dir + "/cc.out", stderrPath: dir + "/cc.err"))
        #expect(build.succeeded)
        let argv = ["qemu-aarch64", "-cpu", "cortex-a72", "-L", "/usr/aarch64-linux-gnu", "./prog"]
        let traced = try #require(FaultingInstruction.tracedArgv(argv, log: dir + "/q.log"))
        #expect(traced.prefix(5) == ["qemu-aarch64", "-d", "in_asm,page", "-D", dir + "/q.log"])
        #expect(FaultingInstruction.tracedArgv(["./prog"], log: "x") == nil)
        #expect(FaultingInstruction.tracedArgv(["wrapper", "--", "/usr/bin/qemu-x86_64", "-cpu", "Nehalem", "./prog"], log: "L")
            == ["wrapper", "--", "/usr/bin/qemu-x86_64", "-d", "in_asm,page", "-D", "L", "-cpu", "Nehalem", "./prog"])
        let found = try #require(await FaultingInstruction.find(
            argv: argv, dir: dir, machine: "aarch64", sealed: false, timeout: 30, limits: nil, permits: AsyncSemaphore(limit: 1)))
        #expect(found.function == "main")
        #expect(found.instruction?.hasPrefix("ldadd") == true, "\(found)")
        #expect(found.label?.hasPrefix("main+0x") == true)
        let address = try #require(found.fileAddress)
        // objdump's own answer at that address of the file, and the log's pc is the PIE base plus it.
        let d = await ProcessRunner.run(StepRequest(
            argv: ["aarch64-linux-gnu-objdump", "-d", dir + "/prog"], cwd: dir, timeoutSeconds: 30,
            stdoutPath: dir + "/d.out", stderrPath: dir + "/d.err"))
        #expect(d.succeeded)
        let line = CapturedOutput.read(dir + "/d.out", cap: 1 << 20).split(separator: "\n")
            .first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(String(address, radix: 16) + ":") }
        #expect(line?.contains("ldadd") == true, "\(line ?? "no line at \(String(address, radix: 16))")")
        #expect(found.pc > address)
    }

    @Test func parsersOnTheirOwn() {
        let disassembly = "\nprog:     file format elf64-littleaarch64\n\n\nDisassembly of section .text:\n\n0000000000000660 <main+0x20>:\n 660:\tf8e20023 \tldaddal\tx2, x3, [x1]\n"
        #expect(FaultingInstruction.disassembly(disassembly)?.instruction == "ldaddal x2, x3, [x1]")
        #expect(FaultingInstruction.disassembly(disassembly)?.label == "main+0x20")
        let x86 = "0000000000001069 <main+0x19>:\n    1069:\tc4 e2 cb f5 f0       \tpdep   %rax,%rsi,%rsi\n"
        #expect(FaultingInstruction.disassembly(x86)?.instruction == "pdep %rax,%rsi,%rsi")
        let headers = "    LOAD off    0x0000000000000000 vaddr 0x0000000000000000 paddr 0x0 align 2**12\n         filesz 0x618 memsz 0x618 flags r--\n    LOAD off    0x0000000000001000 vaddr 0x0000000000001000 paddr 0x1000 align 2**12\n         filesz 0x245 memsz 0x245 flags r-x\n"
        #expect(FaultingInstruction.executableSegment(headers) == 0x1000)
        let trace = FaultingInstruction.parse(
            head: "start_code  0x0000004000001000\nend_code    0x0000004000001245\n",
            tail: "IN: main\n0x4000001055:  48 83 e4 e0   andq $-0x20, %rsp\n0x4000001062:  c5 f9 6e df   vmovd %edi, %xmm3\n")
        #expect(trace == FaultingInstruction.Trace(pc: 0x40_0000_1062, function: "main", startCode: 0x40_0000_1000, endCode: 0x40_0000_1245))
        #expect(FaultingInstruction.parse(head: "", tail: "nothing here\n") == nil)
    }
}
