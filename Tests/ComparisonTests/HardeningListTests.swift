import ELFFacts
import Foundation
@testable import Model
@testable import Reporting
import Testing

/// `HardeningCheck` is the one list of hardening verdicts: every writer and the comparator must show each
/// one. For each check a file has that verdict alone "yes" (the others "unknown"); a writer that lists the
/// verdicts by hand and leaves one out fails here.
@Suite struct HardeningListTests {
    static func facts(onlyYes check: HardeningCheck) -> ELFFacts {
        var f = Reports.facts()
        for other in HardeningCheck.allCases { f.hardening[other] = Verdict(.unknown, "not examined") }
        f.hardening[check] = Verdict(.yes, "evidence of \(check.name)")
        return f
    }

    @Test func namesAreDistinctAndLowercase() {
        let names = HardeningCheck.allCases.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy { $0 == $0.lowercased() && !$0.contains(" ") })
        #expect(Set(HardeningCheck.allCases.map(\.label)).count == names.count)
    }

    @Test func reportJSONKeysAreTheList() throws {
        for check in HardeningCheck.allCases {
            let data = try JSONEncoder().encode(Self.facts(onlyYes: check).hardening)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: String]])
            #expect(Set(object.keys) == Set(HardeningCheck.allCases.map(\.name)))
            #expect(object[check.name]?["state"] == "yes")
            #expect(object.filter { $0.value["state"] == "yes" }.count == 1)
            #expect(try JSONDecoder().decode(Hardening.self, from: data) == Self.facts(onlyYes: check).hardening)
        }
    }

    @Test func inspectJSONWriterShowsEveryCheck() throws {
        for check in HardeningCheck.allCases {
            var json = JSONText()
            json.facts(Self.facts(onlyYes: check))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: Any])
            let hardening = try #require(object["hardening"] as? [String: [String: String]])
            #expect(hardening.keys.sorted() == HardeningCheck.allCases.map(\.name).sorted())
            #expect(hardening[check.name] == ["state": "yes", "evidence": "evidence of \(check.name)"])
        }
    }

    @Test func inspectTableShowsEveryCheck() {
        for check in HardeningCheck.allCases {
            let text = InspectTable.block(.facts(Self.facts(onlyYes: check)))
            #expect(text.contains("\(check.name) yes"), "\(check.name) missing from:\n\(text)")
            for other in HardeningCheck.allCases where other != check {
                #expect(text.contains("\(other.name) unknown"), "\(other.name) missing from:\n\(text)")
            }
        }
    }

    @Test func htmlCellDetailShowsEveryCheck() {
        for check in HardeningCheck.allCases {
            let cell = Reports.cell(elf: Self.facts(onlyYes: check))
            let html = HTMLCellDetail.render(cell, ReportContext(report: Reports.report([cell])), anchor: "c0")
            #expect(html.contains("\(check.name) yes"), "\(check.name) missing from the cell's HTML")
            for other in HardeningCheck.allCases where other != check {
                #expect(html.contains("\(other.name) unknown"), "\(other.name) missing from the cell's HTML")
            }
        }
    }

    @Test func compareSeesEveryCheckLost() {
        for check in HardeningCheck.allCases {
            var new = Self.facts(onlyYes: check)
            new.hardening[check] = Verdict(.no, "gone")
            let changes = ELFDiff.compare(cell: "c", old: Self.facts(onlyYes: check), new: new, sizeThreshold: 5)
            #expect(changes.regressions.map(\.field) == ["hardening.\(check.name)"])
            #expect(changes.regressions.first?.evidence == "\(check.label) lost: gone")
        }
    }
}
