import ELFFacts
import Foundation
@testable import Model

/// Reports built in code from the Model types, for crafted comparisons.
enum Reports {
    /// A healthy dynamic x86_64 program: every protection on.
    static func facts() -> ELFFacts {
        ELFFacts(
            path: "prog", elfClass: 64, machine: "x86_64", type: .dyn, interpreter: "/lib64/ld-linux-x86-64.so.2",
            needed: ["libc.so.6"], pie: true, bindNow: true, relro: .full, nxStack: true, textrel: false,
            buildID: "0123abcd", glibcMax: "GLIBC_2.9",
            hardening: Hardening(
                canary: Verdict(.yes, "__stack_chk_fail"), fortify: Verdict(.yes, "__printf_chk"),
                cetIBT: Verdict(.yes, "GNU property"), cetSHSTK: Verdict(.yes, "GNU property"),
                bti: Verdict(.yes, "GNU property"), pac: Verdict(.yes, "GNU property")),
            libgcc: .none, comment: ["GCC: (Debian 12.2.0-14) 12.2.0"],
            debug: DebugFacts(producers: ["GNU C17 12.2.0"], unavailable: nil),
            sizes: Sizes(file: 10_000, code: 4000, data: 1000, bss: 16))
    }

    static func cell(
        _ fixture: String = "hello", compiler: String = "gcc", target: String = "x86_64", link: String = "shared-libgcc",
        opt: String = "O2", status: CellStatus = .pass, stdout: String = "hi\n", stdoutChecked: Bool? = true,
        elf: ELFFacts? = facts()
    ) -> CellRecord {
        var r = CellRecord(fixture: fixture, compiler: compiler, target: target, link: link, opt: opt, status: status)
        r.stdout = stdout
        r.exitCode = status == .pass || status == .fail ? 0 : nil
        r.commands = [CommandRecord(step: .run, argv: ["./prog"], cwd: "/w", exitCode: r.exitCode)]
        r.stdoutChecked = stdoutChecked
        r.perTargetStdout = false
        r.elf = elf
        if status.isFailure { r.reason = "crafted \(status.rawValue)" }
        return r
    }

    static func metadata(
        matrix: String = "m", sha256: String = "aaaa", compilers: [(String, String)] = [("gcc", "x86_64")], filter: String? = nil
    ) -> RunMetadata {
        var m = RunMetadata(
            toolgateVersion: "0.1.0", startedAt: "2026-11-25T13:00:00Z", commandLine: ["toolgate", "run"],
            host: RunMetadata.Host(hostname: "builder", kernel: "Linux 6.1", machine: "x86_64", cores: 2),
            matrix: RunMetadata.MatrixInfo(name: matrix, path: "m.toml", sha256: sha256), fixtures: "fixtures", jobs: 2)
        m.compilers = compilers.map {
            RunMetadata.Tool(compiler: $0.0, target: $0.1, role: "cc", command: $0.0, path: "/usr/bin/\($0.0)", version: "\($0.0) 12.2.0")
        }
        m.filter = filter
        return m
    }

    static func report(_ cells: [CellRecord], metadata: RunMetadata = metadata()) -> Report {
        var r = Report(complete: true, metadata: metadata, cells: cells)
        r.metadata.finishedAt = "2026-11-25T13:05:00Z"
        return r
    }

    static func compare(_ old: [CellRecord], _ new: [CellRecord], options: ComparisonOptions = ComparisonOptions()) throws -> Comparison {
        try Comparator.compare(old: report(old), new: report(new), options: options)
    }
}
