import Foundation
import Testing
@testable import Model
@testable import Reporting

/// One diagnostic type prints what each error printed before: these are the texts of today's messages,
/// which tests and users grep.
@Suite struct DiagnosticTests {
    @Test func locatedMessagesPrintCompilerStyle() {
        #expect(Diagnostic.error("unknown cpu 'cortexa72'", at: .file("m.toml", line: 12, column: 7)).description
            == "m.toml:12:7: error: unknown cpu 'cortexa72'")
        #expect(Diagnostic.error("not a toolgate report", at: .file("r.json")).description == "r.json: error: not a toolgate report")
        #expect(Diagnostic.warning("odd", at: .file("f.c", line: 3)).description == "f.c:3: warning: odd")
        #expect(Diagnostic.note("kept", at: .cell("hello/gcc/x86_64/static/O2")).description
            == "toolgate: note: cell 'hello/gcc/x86_64/static/O2': kept")
    }

    @Test func unlocatedMessagesKeepTheToolgatePrefix() {
        #expect(Diagnostic.error("cannot read 'x/report.json': no such file").description
            == "toolgate: error: cannot read 'x/report.json': no such file")
        #expect(Diagnostic.error("baseline 'b.json' not updated: the run is incomplete (complete: false)").description
            == "toolgate: error: baseline 'b.json' not updated: the run is incomplete (complete: false)")
        #expect(Diagnostic.error("'--generate csmith' needs '--seeds' (e.g. '--seeds 1-200') or 'seeds' in the matrix's [generate]").description
            == "toolgate: error: '--generate csmith' needs '--seeds' (e.g. '--seeds 1-200') or 'seeds' in the matrix's [generate]")
    }

    @Test func theReadersErrorsConvertToTheTextTheyPrinted() {
        let matrix = MatrixError(path: "matrices/default.toml", location: SourceLocation(line: 12, column: 3), message: "unknown link mode 'x'")
        #expect(matrix.diagnostic.description == matrix.description)
        #expect(matrix.diagnostic.description == "matrices/default.toml:12:3: error: unknown link mode 'x'")
        let unlocated = MatrixError(path: "m.toml", location: nil, message: "[targets.x86_64] sysroot '/nope' is not a directory (toolgate doctor checks a sysroot)")
        #expect(unlocated.diagnostic.description == unlocated.description)
        let report = ReportReadError(file: "r.json:1:1", message: "not valid JSON: x")
        #expect(report.diagnostic.description == "r.json:1:1: error: not valid JSON: x")
        let known = KnownFailuresError(location: "kf.txt:2", message: "entry for 'f/gcc/*' expired on 2001-01-01")
        #expect(known.diagnostic.description == known.description)
        let fixtures = FixtureDiscovery.Failure(path: "/nope", message: "the fixtures directory does not exist")
        #expect(fixtures.diagnostic.description == "/nope: error: the fixtures directory does not exist")
        let merges: [MergeError] = [
            .unreadable(file: "a.json", detail: "no such file"),
            .differentMatrices(file: "s3/report.json", other: "s1/report.json", detail: "the matrix files differ (sha256)"),
            .disagreeingMetadata(file: "s2/report.json", other: "s1/report.json", field: "compilers"),
            .mixedShardCounts(file: "two/report.json", other: "s1/report.json", counts: (2, 3)),
            .duplicateCell(id: "f/gcc/x86_64/static/O2", file: "s3/report.json", other: "s1/report.json"),
        ]
        for m in merges { #expect(m.diagnostic.description == m.description) }
        #expect(MergeError.differentMatrices(file: "s3/report.json", other: "s1/report.json", detail: "the matrix files differ (sha256)").diagnostic.description
            == "s3/report.json: error: not the same matrix as 's1/report.json': the matrix files differ (sha256)")
        // Printed with a "toolgate: " prefix before; the text after it is unchanged.
        #expect(MergeError.noInputs.diagnostic.description == "toolgate: error: no reports to merge")
        #expect(ComparisonError.differentMatrices(old: "a", new: "b").diagnostic.description
            == "toolgate: " + ComparisonError.differentMatrices(old: "a", new: "b").description)
        #expect(Diagnostics([matrix.diagnostic, .error("x", status: 1)]).status == 2)
    }
}
