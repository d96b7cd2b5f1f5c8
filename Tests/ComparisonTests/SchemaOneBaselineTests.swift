import ELFFacts
import Foundation
import Testing
@testable import Model
@testable import Reporting

/// A baseline written by schema-1 toolgate (Golden/schema-1/report.json, a real run: Golden/schema-1/README.md
/// says how it was made) still reads, merges and compares with no change; so do copies of it as another
/// toolgate might write it, with a field it does not know in every object, or without a field it lacks.
/// The file is never re-recorded: it is what an old toolgate wrote, whatever this one writes.
@Suite struct SchemaOneBaselineTests {
    static let path = GoldenTests.directory + "/schema-1/report.json"

    static func data() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    static func baseline() throws -> Report { try ReportReader.decode(data(), file: path) }

    /// The fields a reader may not do without, by kind (JSONTree): what identifies a report, a cell, a loaded
    /// object, a shard, the ELF facts (their file) and a compressed section, and the enums with no neutral
    /// value. Every other field present in the baseline is taken away in turn by `readsWithoutTheOptionalFields`.
    static let required: [String: Set<String>] = [
        "": ["schema_version", "metadata", "cells"],
        "cells[]": ["id", "fixture", "compiler", "target", "link", "opt", "status"],
        "cells[].commands[]": ["step"],
        "cells[].attempts[]": ["status"],
        "cells[].loaded[]": ["name", "via"],
        "metadata.shard": ["index", "count"],
        // PlanAxes is rebuilt with the axes of issue 10 §1; today all five lists are required.
        "metadata.axes": ["fixtures", "compilers", "targets", "opts", "links"],
        // The ELF facts are of the file at `path` (ELFFacts+Decoding.swift); a compressed section is its name.
        "cells[].elf": ["path"],
        "cells[].elf.compressed_sections[]": ["name"],
    ]

    /// What a default that is not an empty value (JSONTree.isEmptyValue) writes back, by field: the ELF enums'
    /// cases for "cannot tell", and a verdict, the hardening and the debug facts as "not examined".
    static var nonEmptyDefaults: [String: Any] {
        let notExamined: [String: Any] = ["state": "unknown", "evidence": "not examined"]
        var out: [String: Any] = [
            "cells[].elf.type": "other", "cells[].elf.relro": "none", "cells[].elf.libgcc": "unknown",
            "cells[].elf.compressed_sections[].type": "unknown",
            "cells[].elf.hardening": Dictionary(uniqueKeysWithValues: HardeningCheck.allCases.map { ($0.name, notExamined as Any) }),
            "cells[].elf.debug": ["producers": [], "languages": [], "dwarf_versions": [], "unavailable": "not examined"] as [String: Any],
        ]
        for check in HardeningCheck.allCases {
            out["cells[].elf.hardening." + check.name] = notExamined
            out["cells[].elf.hardening." + check.name + ".state"] = "unknown"
        }
        return out
    }

    /// Every field of the baseline a reader must do without, by kind ("report" for the top level).
    static let optionalFields: [String: [String]] = {
        guard let data = try? data(), let tree = try? JSONTree.parse(data) else { return [:] }
        var out: [String: [String]] = [:]
        for f in JSONTree.fields(tree) where !(required[f.kind] ?? []).contains(f.key) {
            out[f.kind.isEmpty ? "report" : f.kind, default: []].append(f.key)
        }
        return out.mapValues { $0.sorted() }
    }()

    static func fields(ofKind argument: String) -> [JSONTree.Field] {
        (optionalFields[argument] ?? []).map { JSONTree.Field(kind: argument == "report" ? "" : argument, key: $0) }
    }

    /// A run of the default matrix with real compilers: every kind of record and of status it can show.
    @Test func readsTheBaseline() throws {
        let report = try Self.baseline()
        #expect(report.complete)
        #expect(report.cells.count == 60)
        #expect(Set(report.cells.map(\.compiler)) == ["gcc", "clang"])
        #expect(Set(report.cells.map(\.target)) == ["x86_64", "aarch64"])
        #expect(Set(report.cells.map(\.status)) == [.pass, .fail, .linkError, .policy, .unsupported])
        #expect(report.cells.contains { $0.attempts?.count == 2 })
        #expect(report.cells.contains { !$0.violations.isEmpty })
        #expect(report.cells.contains { $0.loaded?.isEmpty == false })
        #expect(report.cells.contains { $0.commands.contains { $0.cache == .miss } })
        #expect(report.cells.contains { $0.elf?.machine == "aarch64" })
        #expect(report.metadata.axes?.fixtures.count == 5)
        #expect(report.metadata.sandbox?.used == "bwrap")
        #expect(report.summary == ReportJSONLayout.summary(report.cells.map(\.status)))
    }

    /// The writers are unchanged: what this toolgate reads, it writes back byte for byte.
    @Test func writesTheBaselineBackByteForByte() throws {
        let scratch = try Scratch()
        try ReportWriter.write(try Self.baseline(), to: scratch.path + "/report.json")
        let written = try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/report.json"))
        #expect(written == (try Self.data()))
    }

    @Test func comparesWithItselfAndWithItsCopyWithNoChange() throws {
        let old = try Self.baseline()
        // What this toolgate writes of it, read again: a new run of the same cells.
        let copy = try ReportReader.decode(JSONOutput.encoder().encode(old), file: "copy.json")
        for new in [old, copy] {
            let c = try Comparator.compare(old: old, oldName: Self.path, new: new, newName: "new.json")
            Self.expectNoChange(c, cells: old.cells.count)
        }
    }

    @Test func mergesFromTwoShards() throws {
        let whole = try Self.baseline()
        var shards = [whole, whole]
        for k in shards.indices {
            shards[k].metadata.shard = Shard(index: k + 1, count: 2)
            shards[k].cells = whole.cells.filter { Shard.number(ofUnitKey: "\($0.fixture)/\($0.compiler)/\($0.target)/\($0.opt)", count: 2) == k + 1 }
            try #require(!shards[k].cells.isEmpty, "shard \(k + 1)/2 of the baseline is empty")
        }
        // Each shard as a file of its own, read back as `merge` reads it.
        let inputs = try shards.enumerated().map { k, shard in
            ReportMerge.Input(file: "shard\(k + 1).json", report: try ReportReader.decode(JSONOutput.encoder().encode(shard), file: "shard\(k + 1).json"))
        }
        let merged = try ReportMerge.merge(inputs.reversed())
        #expect(merged == whole)
        Self.expectNoChange(try Comparator.compare(old: whole, new: merged), cells: whole.cells.count)
    }

    /// A newer toolgate's report: a field this one does not know, in every object, is ignored.
    @Test func readsWithAnUnknownFieldInEveryObject() throws {
        var added = 0
        let tree = JSONTree.editingObjects(try JSONTree.parse(Self.data())) { _, object in
            object["written_by_a_newer_toolgate"] = ["values": [1, 2], "note": "ignored"] as [String: Any]
            added += 1
        }
        #expect(added > 500)
        let newer = try ReportReader.decode(JSONTree.data(tree), file: "newer.json")
        let baseline = try Self.baseline()
        #expect(newer == baseline)
        Self.expectNoChange(try Comparator.compare(old: newer, new: baseline), cells: baseline.cells.count)
    }

    /// A newer toolgate's hardening verdict (a key HardeningCheck does not list) is ignored in every cell.
    @Test func readsWithAnUnknownHardeningVerdict() throws {
        var added = 0
        let tree = JSONTree.editingObjects(try JSONTree.parse(Self.data())) { kind, object in
            guard kind == "cells[].elf.hardening" else { return }
            object["shadow_call_stack"] = ["state": "yes", "evidence": "a check of a newer toolgate"]
            added += 1
        }
        #expect(added == 44)
        let newer = try ReportReader.decode(JSONTree.data(tree), file: "newer.json")
        let baseline = try Self.baseline()
        #expect(newer == baseline)
        Self.expectNoChange(try Comparator.compare(old: baseline, new: newer), cells: baseline.cells.count)
    }

    /// An older toolgate's baseline, from before a verdict was added: the verdict reads as "not examined", and
    /// a run that has it compares with no change (only a verdict that was "yes" can be lost).
    @Test(arguments: HardeningCheck.allCases)
    func anOldBaselineWithoutAVerdictComparesWithNoChange(_ check: HardeningCheck) throws {
        let field = JSONTree.Field(kind: "cells[].elf.hardening", key: check.name)
        let older = try ReportReader.decode(JSONTree.data(JSONTree.removing(field, from: JSONTree.parse(Self.data()))), file: "older.json")
        let baseline = try Self.baseline()
        let elves = older.cells.compactMap(\.elf)
        #expect(elves.count == 44)
        #expect(elves.allSatisfy { $0.hardening[check] == Verdict(.unknown, "not examined") })
        var restored = older
        for k in restored.cells.indices { restored.cells[k].elf?.hardening[check] = baseline.cells[k].elf?.hardening[check] ?? Verdict(.unknown, "") }
        #expect(restored == baseline)
        Self.expectNoChange(try Comparator.compare(old: older, new: baseline), cells: baseline.cells.count)
    }

    /// Each field of the ELF facts taken away alone (not only all of a kind at once): the rest of the report
    /// reads as written.
    @Test func readsWithoutEachELFFieldAlone() throws {
        let original = try JSONTree.parse(Self.data())
        let fields = Self.optionalFields.keys.filter { $0.hasPrefix("cells[].elf") }.flatMap(Self.fields(ofKind:))
        #expect(fields.count > 40)
        for field in fields {
            let older = JSONTree.removing(field, from: original)
            let report = try ReportReader.decode(JSONTree.data(older), file: "without-\(field).json")
            let back = JSONTree.removing(field, from: try JSONTree.parse(JSONOutput.encoder().encode(report)))
            #expect(try JSONTree.data(back) == JSONTree.data(older), "\(field)")
        }
    }

    @Test func everyFieldIsTakenAway() {
        for (kind, key) in [
            ("report", "complete"), ("report", "summary"), ("cells[]", "attempts"), ("cells[]", "elf"), ("cells[]", "stdout"),
            ("cells[]", "commands"), ("cells[].commands[]", "cache"), ("cells[].commands[]", "argv"), ("cells[].violations[]", "check"),
            ("cells[].elf", "interpreter"), ("metadata", "sandbox"), ("metadata", "axes"), ("metadata", "host"), ("metadata.host", "cores"),
        ] {
            #expect(Self.optionalFields[kind]?.contains(key) == true, "\(kind) \(key)")
        }
        #expect(Self.optionalFields.values.map(\.count).reduce(0, +) > 60)
    }

    /// An older toolgate's report, or a newer one's that dropped fields: each field of the kind takes its
    /// default, and nothing else of the report changes.
    @Test(arguments: optionalFields.keys.sorted())
    func readsWithoutTheOptionalFields(ofKind kind: String) throws {
        let fields = Self.fields(ofKind: kind)
        let original = try JSONTree.parse(Self.data())
        let older = fields.reduce(original) { JSONTree.removing($1, from: $0) }
        let report = try ReportReader.decode(JSONTree.data(older), file: "without-\(kind).json")
        let back = try JSONTree.parse(JSONOutput.encoder().encode(report))
        // Everything but those fields reads as it was written.
        #expect(try JSONTree.data(fields.reduce(back) { JSONTree.removing($1, from: $0) }) == JSONTree.data(older))
        // Each reads as its default (or, for the summary, as counted from the cells).
        for field in fields {
            let before = JSONTree.values(of: field, in: original), after = JSONTree.values(of: field, in: back)
            try #require(before.count == after.count)
            if let fallback = Self.nonEmptyDefaults[field.description] {
                for a in after {
                    let same = try a.map { try JSONTree.data([$0]) } == JSONTree.data([fallback])
                    #expect(same, "\(field) read as \(a ?? "nothing") without the key, not as \(fallback)")
                }
                continue
            }
            for (b, a) in zip(before, after) where !JSONTree.isEmptyValue(a) {
                let same = try b.map { try JSONTree.data([$0]) } == a.map { try JSONTree.data([$0]) }
                #expect(same, "\(field) read as \(a ?? "nothing") without the key, not as a default")
            }
        }
    }

    /// Every field a reader can do without, taken away at once: the cells are still there to compare.
    @Test func readsWithoutEveryOptionalField() throws {
        var tree = try JSONTree.parse(Self.data())
        for kind in Self.optionalFields.keys { tree = Self.fields(ofKind: kind).reduce(tree) { JSONTree.removing($1, from: $0) } }
        let bare = try ReportReader.decode(JSONTree.data(tree), file: "bare.json")
        let baseline = try Self.baseline()
        #expect(bare.cells.map(\.id) == baseline.cells.map(\.id))
        #expect(bare.cells.map(\.status) == baseline.cells.map(\.status))
        #expect(!bare.complete)
        #expect(bare.summary == baseline.summary)
        // Without a matrix name it cannot be shown to be the same matrix: a clear refusal, not a crash.
        #expect(throws: ComparisonError.differentMatrices(old: "", new: "default")) { try Comparator.compare(old: bare, new: baseline) }
        let alone = try Comparator.compare(old: bare, new: bare)
        #expect(alone.regressions.isEmpty && alone.information.isEmpty)
    }

    static func expectNoChange(_ c: Comparison, cells: Int) {
        #expect(c.regressions.isEmpty, "\(c.regressions)")
        #expect(c.information.isEmpty, "\(c.information)")
        #expect(c.warnings.isEmpty, "\(c.warnings)")
        #expect(!c.failsGate)
        #expect(c.cells.count == cells)
        #expect(c.cells.allSatisfy { $0.cellClass == .unchanged || $0.cellClass == .stillFailing }, "\(c.cells.map(\.cellClass))")
        #expect(c.cells.filter { $0.cellClass == .stillFailing }.count == 36)
    }
}
