import ELFFacts
import Foundation
import Testing
@testable import Model
@testable import Reporting

/// The report types' hand-written readers (the `+Decoding.swift` files beside them, in Model and ELFFacts) read
/// every field their writers write. Each sample sets every field to something other than its default, and the test checks that
/// it does (by reflection): a field added to a type fails here until the sample sets it and its reader reads it.
@Suite struct TolerantDecodingTests {
    static func command() -> CommandRecord {
        var c = CommandRecord(
            step: .link, argv: ["gcc", "-o", "prog", "main.o"], cwd: "/w/u1", env: ["LC_ALL": "C"], limits: ["--cpu=60"], exitCode: 1,
            signal: "SIGSEGV", timedOut: true, durationMs: 12, stdout: "out\n", stderr: "err\n")
        c.cache = .hit
        return c
    }

    /// Every field set, none to its default (not a file that could exist: a static PIE with an interpreter).
    static func facts() -> ELFFacts {
        var f = Reports.facts()
        f.soname = "libprog.so.1"
        f.rpath = ["/opt/lib"]
        f.runpath = ["$ORIGIN"]
        f.isStatic = true
        f.textrel = true
        f.versionNeeds = VersionNeeds([("libc.so.6", ["GLIBC_2.34", "GLIBC_2.2.5"])])
        f.x86IsaNeeded = ["x86-64-baseline"]
        f.libgcc = .shared
        f.debug = DebugFacts(producers: ["GNU C17 12.2.0"], languages: ["C11"], dwarfVersions: [5], unavailable: "a broken .debug_info")
        f.compressedSections = [CompressedSection(name: ".debug_info", type: .zstd)]
        f.warnings = ["section 3: size beyond the end of the file"]
        return f
    }

    static func cell() -> CellRecord {
        var r = CellRecord(fixture: "hello", compiler: "gcc", target: "x86_64", link: "static", opt: "O2", status: .flaky, reason: "passed on run 2")
        r.id = "hello/gcc/x86_64/static/O2"
        r.exitCode = 0
        r.signal = "SIGABRT"
        r.stdout = "hi\n"
        r.stderr = "warning\n"
        r.commands = [command()]
        r.durationMs = 99
        r.elf = facts()
        r.violations = [Violation("nx_stack", "executable stack")]
        r.notes = ["the loader could not find libfoo.so.1"]
        r.log = "logs/hello/gcc/x86_64/static/O2.log"
        r.stdoutChecked = true
        r.perTargetStdout = true
        r.attempts = [RunAttempt(status: .fail, reason: "exit 1", exitCode: 1, signal: "SIGKILL", stdout: "a", stderr: "b", durationMs: 3)]
        r.resolution = [ResolutionProblem(.missingLibrary, "libfoo.so.1 not found", library: "libfoo.so.1", neededBy: "prog")]
        r.loaded = [LoadedObject(name: "libc.so.6", path: "/lib/x86_64-linux-gnu/libc.so.6", via: .needed)]
        r.sandbox = "bwrap"
        r.checksum = "D9927B6C"
        r.axes = ["rtlib": "compiler-rt"]
        r.expectations = [AppliedExpectation(expect: "lacks libgcc_s.so.1", from: "rtlib=compiler-rt", overrides: "link=static-libgcc: lacks libgcc_s.so.1")]
        return r
    }

    static func metadata() -> RunMetadata {
        var m = RunMetadata(
            toolgateVersion: "0.1.0", startedAt: "2026-11-25T13:00:00Z", commandLine: ["toolgate", "run"],
            host: RunMetadata.Host(hostname: "builder", kernel: "Linux 6.1", machine: "x86_64", cores: 2),
            matrix: RunMetadata.MatrixInfo(name: "m", path: "m.toml", sha256: "aaaa"), fixtures: "fixtures", jobs: 2,
            compilers: [RunMetadata.Tool(compiler: "gcc", target: "x86_64", role: "cc", command: "gcc", path: "/usr/bin/gcc", version: "gcc 12")],
            runners: [RunMetadata.Tool(compiler: "x", target: "aarch64", role: "runner", command: "qemu-aarch64", path: "/usr/bin/qemu-aarch64", version: "7.2")],
            workarounds: ["i686 asm/"])
        m.finishedAt = "2026-11-25T13:05:00Z"
        m.shard = Shard(index: 2, count: 3)
        m.filter = "hello"
        m.axes = PlanAxes(fixtures: ["hello"], compilers: ["gcc"], targets: ["x86_64"], opts: ["O2"], links: ["static"])
        m.axes?.extra = [PlanAxes.Declared(name: "rtlib", values: ["compiler-rt"])]
        m.sandbox = SandboxInfo(mode: "auto", used: "none", bwrap: "/usr/bin/bwrap", warning: "no user namespaces")
        m.generator = GeneratorInfo(
            tool: "csmith", version: "csmith 2.3.0", flags: ["--no-packed-struct"], seeds: "1-3", runTimeout: 10,
            reference: ReferenceCells(compiler: "gcc", target: "x86_64", link: "static", opt: "O0"))
        m.generatorTrouble = [7]
        return m
    }

    static func report() -> Report { Report(complete: true, metadata: metadata(), cells: [cell()]) }

    /// The named fields of `value` (recursively, through the report's own types) left at a default:
    /// nil, "", 0, false, [] or [:].
    static func defaults(in value: Any, path: String = "") -> [String] {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let wrapped = mirror.children.first?.value else { return [path] }
            return defaults(in: wrapped, path: path)
        case .collection, .dictionary, .set:
            return mirror.children.isEmpty ? [path] : []
        case .struct:
            return mirror.children.flatMap { defaults(in: $0.value, path: path + "." + ($0.label ?? "?")) }
        default:
            switch value {
            case let s as String: return s.isEmpty ? [path] : []
            case let i as Int: return i == 0 ? [path] : []
            case let b as Bool: return b ? [] : [path]
            default: return []
            }
        }
    }

    @Test func theSampleSetsEveryField() {
        #expect(Self.defaults(in: Self.report()) == [], "set these in the sample, and read them in the type's init(from:)")
    }

    @Test func everyFieldReadsBack() throws {
        let report = Self.report()
        let data = try JSONOutput.encoder().encode(report)
        #expect(try JSONDecoder().decode(Report.self, from: data) == report)
        #expect(try ReportReader.decode(data, file: "r.json") == report)
    }

    /// Null is read as absent, as a writer of `encode(nil)` means it.
    @Test func nullReadsAsTheDefault() throws {
        let text = #"{"id": "a/gcc/x86_64/static/O2", "fixture": "a", "compiler": "gcc", "target": "x86_64", "link": "static", "opt": "O2", "status": "pass", "stdout": null, "commands": null, "notes": null, "duration_ms": null}"#
        let cell = try JSONDecoder().decode(CellRecord.self, from: Data(text.utf8))
        #expect(cell.stdout == "" && cell.commands.isEmpty && cell.notes.isEmpty && cell.durationMs == 0)
        #expect(cell.id == "a/gcc/x86_64/static/O2")
    }

    /// Tolerance is for absent fields only: a field of the wrong type is still an error naming it.
    @Test func aWrongTypeIsStillAnError() throws {
        let text = #"{"id": "a", "fixture": "a", "compiler": "gcc", "target": "x86_64", "link": "static", "opt": "O2", "status": "pass", "notes": "one"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(CellRecord.self, from: Data(text.utf8)) }
        let missing = #"{"fixture": "a", "compiler": "gcc", "target": "x86_64", "link": "static", "opt": "O2", "status": "pass"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(CellRecord.self, from: Data(missing.utf8)) }
    }

    /// A report of another schema is named as such, even when its fields are not this schema's.
    @Test func anotherSchemaIsNamedBeforeItsFieldsAreRead() throws {
        let error = try #require(throws: ReportReadError.self) {
            try ReportReader.decode(Data(#"{"schema_version": 2, "runs": []}"#.utf8), file: "r.json")
        }
        #expect(error.description == "r.json: error: schema_version 2 is not 1, the one this toolgate reads")
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T { try JSONDecoder().decode(type, from: Data(text.utf8)) }

    /// The ELF facts need only their file's path: every other field reads as `ELFFacts.init` leaves it.
    @Test func elfFactsNeedOnlyTheirPath() throws {
        #expect(try Self.decode(ELFFacts.self, #"{"path": "prog"}"#) == ELFFacts(path: "prog", elfClass: 0, machine: "", type: .other))
        #expect(throws: DecodingError.self) { try Self.decode(ELFFacts.self, #"{"class": 64, "machine": "x86_64"}"#) }
        #expect(try Self.decode(Hardening.self, "{}") == Hardening())
        #expect(try Self.decode(Verdict.self, "{}") == Verdict(.unknown, ""))
        #expect(try Self.decode(DebugFacts.self, "{}") == DebugFacts(unavailable: nil))
        #expect(try Self.decode(Sizes.self, #"{"file": 7}"#) == Sizes(file: 7))
        #expect(try Self.decode(CompressedSection.self, #"{"name": ".debug_info"}"#) == CompressedSection(name: ".debug_info", type: .unknown))
        #expect(throws: DecodingError.self) { try Self.decode(CompressedSection.self, #"{"type": "zlib"}"#) }
        #expect(try Self.decode(VersionNeeds.self, #"{"libc.so.6": null}"#) == VersionNeeds([("libc.so.6", [])]))
        #expect(try Self.decode(ResolutionProblem.self, "{}") == ResolutionProblem(.other, ""))
    }

    /// A hardening verdict this toolgate does not know is ignored; one it knows but finds absent is "not examined".
    @Test func hardeningReadsWithAnUnknownVerdictAndWithoutOne() throws {
        let text = #"{"canary": {"state": "yes", "evidence": "__stack_chk_fail"}, "shadow_call_stack": {"state": "yes", "evidence": "new"}}"#
        var expected = Hardening()
        expected.canary = Verdict(.yes, "__stack_chk_fail")
        #expect(try Self.decode(Hardening.self, text) == expected)
    }

    /// An enum value a newer toolgate writes reads as the enum's case for "cannot tell", where it has one.
    @Test func anUnknownEnumValueReadsAsItsUnknownCase() throws {
        #expect(try Self.decode(Verdict.self, #"{"state": "partial", "evidence": "half the functions"}"#) == Verdict(.unknown, "half the functions"))
        let facts = try Self.decode(ELFFacts.self, #"{"path": "p", "type": "ET_LOOS", "libgcc": "mixed", "compressed_sections": [{"name": ".debug_str", "type": "lz4"}]}"#)
        #expect(facts.type == .other)
        #expect(facts.libgcc == .unknown)
        #expect(facts.compressedSections == [CompressedSection(name: ".debug_str", type: .unknown)])
        #expect(try Self.decode(ResolutionProblem.self, #"{"kind": "missing_tls", "message": "m"}"#) == ResolutionProblem(.other, "m"))
        // Known values still read as themselves.
        #expect(try Self.decode(Verdict.self, #"{"state": "no", "evidence": "e"}"#) == Verdict(.no, "e"))
        #expect(try Self.decode(ELFFacts.self, #"{"path": "p", "type": "dyn", "libgcc": "static"}"#).libgcc == .static)
    }

    /// Where an enum has no such case (RELRO), or a value is not a string, it is still an error naming the field.
    @Test func anEnumWithoutAnUnknownCaseOrOfTheWrongTypeIsStillAnError() throws {
        for text in [
            #"{"path": "p", "relro": "extra"}"#, #"{"path": "p", "type": 3}"#, #"{"path": "p", "hardening": {"pac": {"state": true}}}"#,
            #"{"path": "p", "sizes": {"file": "big"}}"#,
        ] {
            #expect(throws: DecodingError.self, "\(text)") { try Self.decode(ELFFacts.self, text) }
        }
        #expect(throws: DecodingError.self) { try Self.decode(ResolutionProblem.self, #"{"kind": 5, "message": "m"}"#) }
        for (elf, field) in [(#"{"path": "p", "hardening": {"bti": {"state": 1}}}"#, "'cells[0].elf.hardening.bti.state'"), (#"{"path": "p", "relro": "extra"}"#, "'cells[0].elf.relro'")] {
            let cell = #"{"id": "a", "fixture": "a", "compiler": "gcc", "target": "x86_64", "link": "static", "opt": "O2", "status": "pass", "elf": \#(elf)}"#
            let error = try #require(throws: ReportReadError.self) {
                try ReportReader.decode(Data(#"{"schema_version": 1, "metadata": {}, "cells": [\#(cell)]}"#.utf8), file: "r.json")
            }
            #expect(error.description.contains(field), "\(error)")
        }
    }
}
