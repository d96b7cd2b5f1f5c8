import Foundation
import Model

/// The instruction a SIGILL cell died on, found best effort: the run step once more under its qemu with
/// `-d in_asm,page -D LOG` (qemu logs each block as it translates it, so the block it died in is the
/// log's last, its last instruction the faulting one; `page` logs where the program was loaded), then
/// the binary's own disassembly at that address (`objdump`, PIE load base taken off). Bounded by the
/// step's timeout and limits; nothing found is no error, the reason just says less.
struct FaultingInstruction {
    var pc: UInt64
    /// The function qemu names in the block's "IN: main" header, when the binary has symbols.
    var function: String?
    /// The address in the binary's own numbering, when the pc is inside the program (not a library).
    var fileAddress: UInt64?
    /// objdump's "ldaddal x2, x3, [x1]" at `<main+0x20>`.
    var instruction: String?
    var label: String?

    var description: String {
        if let instruction, let fileAddress {
            return "\(instruction) at \(label ?? function ?? "?") (\(UnitLayout.program) 0x\(String(fileAddress, radix: 16)))"
        }
        if let fileAddress { return "at \(function ?? "?") (\(UnitLayout.program) 0x\(String(fileAddress, radix: 16)))" }
        return "at 0x\(String(pc, radix: 16))" + (function.map { " in \($0)" } ?? "") + ", outside \(UnitLayout.program) (a shared library)"
    }

    /// `qemu-aarch64 -cpu cortex-a72 -L R` → the same with `-d in_asm,page -D LOG` after the emulator,
    /// wherever it is in the argv (a wrapper such as a sandbox may come first); nil for a native run.
    static func tracedArgv(_ argv: [String], log: String) -> [String]? {
        // Inside bubblewrap the command starts after its "--"; before it, `--ro-bind` names qemu's file too.
        let sealed = (argv.first?.split(separator: "/").last).map { $0 == "bwrap" } ?? false
        let command = sealed ? (argv.firstIndex(of: "--").map { $0 + 1 } ?? argv.endIndex) : argv.startIndex
        guard let i = argv[command...].firstIndex(where: { ($0.split(separator: "/").last ?? "").hasPrefix("qemu-") }) else { return nil }
        return Array(argv[...i]) + ["-d", "in_asm,page", "-D", log] + argv[(i + 1)...]
    }

    /// The last translated block's last instruction, the function it was in, and the program's load range.
    struct Trace: Equatable {
        var pc: UInt64
        var function: String?
        var startCode: UInt64?
        var endCode: UInt64?
    }

    static func parse(head: String, tail: String) -> Trace? {
        var pc: UInt64?
        var function: String?
        for line in tail.split(separator: "\n") {
            if line.hasPrefix("IN:") {
                let name = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
                function = name.isEmpty ? nil : name
            } else if line.hasPrefix("0x"), let colon = line.firstIndex(of: ":"), let value = UInt64(line[line.index(line.startIndex, offsetBy: 2)..<colon], radix: 16) {
                pc = value
            }
        }
        guard let pc else { return nil }
        return Trace(pc: pc, function: function, startCode: field("start_code", in: head), endCode: field("end_code", in: head))
    }

    /// "start_code  0x0000005500000000" in qemu's page log.
    static func field(_ name: String, in text: String) -> UInt64? {
        for line in text.split(separator: "\n") where line.hasPrefix(name + " ") {
            guard let hex = line.split(separator: " ").last, hex.hasPrefix("0x") else { continue }
            return UInt64(hex.dropFirst(2), radix: 16)
        }
        return nil
    }

    /// The objdump that reads a machine's code.
    static func objdump(machine: String) -> String { machine == "aarch64" ? "aarch64-linux-gnu-objdump" : "objdump" }

    /// The vaddr of the first executable PT_LOAD in `objdump -p`: qemu's start_code is it plus the load base.
    static func executableSegment(_ text: String) -> UInt64? {
        let lines = text.split(separator: "\n")
        for (i, line) in lines.enumerated() where line.contains("LOAD off") && i + 1 < lines.count && lines[i + 1].contains("flags r-x") {
            let words = line.split(separator: " ")
            guard let v = words.firstIndex(of: "vaddr"), v + 1 < words.count else { continue }
            return UInt64(words[v + 1].dropFirst(2), radix: 16)
        }
        return nil
    }

    /// objdump -d's first instruction line: " 660:\tf8e20023 \tldaddal\tx2, x3, [x1]", and its "<main+0x20>:" label.
    static func disassembly(_ text: String) -> (instruction: String, label: String?)? {
        var label: String?
        for line in text.split(separator: "\n") {
            if let open = line.firstIndex(of: "<"), line.hasSuffix(">:") {
                label = String(line[line.index(after: open)..<line.index(line.endIndex, offsetBy: -2)])
                continue
            }
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count >= 3, parts[0].trimmingCharacters(in: .whitespaces).hasSuffix(":") else { continue }
            // x86 objdump pads the mnemonic with spaces ("pdep   %rax,%rsi,%rsi"): one space between words.
            let words = parts[2...].flatMap { $0.split(whereSeparator: { $0 == " " }) }.map(String.init)
            guard !words.isEmpty else { continue }
            return (words.joined(separator: " "), label)
        }
        return nil
    }

    /// Reruns the step traced and disassembles what it finds; nil when there is no qemu or no trace.
    /// `sealed`: the step ran inside bubblewrap, which exits 128+N where the program died of N.
    static func find(
        argv: [String], dir: String, machine: String, sealed: Bool, timeout: Int, limits: RunLimits?, permits: AsyncSemaphore
    ) async -> FaultingInstruction? {
        let log = dir + "/sigill.qemu.log"
        guard let traced = tracedArgv(argv, log: log) else { return nil }
        try? FileManager.default.removeItem(atPath: log)
        var rerun = await StepExecution.run(.run, argv: traced, cwd: dir, name: "sigill", timeout: timeout, limits: limits, permits: permits)
        if sealed { rerun.unwrapSandboxExit() }
        // Only a rerun that died the same way has the faulting block last: one the log's size limit
        // (SIGXFSZ) or the timeout ended stopped somewhere else.
        guard rerun.result.signal == "SIGILL", let trace = parse(head: readHead(log), tail: readTail(log)) else { return nil }
        var found = FaultingInstruction(pc: trace.pc, function: trace.function)
        guard let start = trace.startCode, let end = trace.endCode, trace.pc >= start, trace.pc < end else { return found }
        let tool = objdump(machine: machine)
        let program = dir + "/" + UnitLayout.program
        let headers = await StepExecution.run(.probe, argv: [tool, "-p", program], cwd: dir, name: "sigill.objdump-p", timeout: 10, permits: permits)
        guard let segment = executableSegment(headers.stdout), start >= segment else { return found }
        let address = trace.pc - (start - segment)
        found.fileAddress = address
        let width: UInt64 = machine == "aarch64" ? 4 : 15
        let d = await StepExecution.run(
            .probe, argv: [tool, "-d", "--start-address=0x\(String(address, radix: 16))", "--stop-address=0x\(String(address + width, radix: 16))", program],
            cwd: dir, name: "sigill.objdump-d", timeout: 10, permits: permits)
        if let (instruction, label) = disassembly(d.stdout) {
            found.instruction = instruction
            found.label = label
        }
        return found
    }

    private static func readHead(_ path: String) -> String { CapturedOutput.read(path, cap: 256 * 1024) }

    /// The last 64 KiB: the last translated block is at the end of a log of any size.
    private static func readTail(_ path: String) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        let from = size > 65536 ? size - 65536 : 0
        try? handle.seek(toOffset: from)
        let data = (try? handle.readToEnd()) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
