import Foundation
import Testing

/// `toolgate list` and `run` with declared axes: ids with the values appended, `--axis` narrowing,
/// `--filter AXIS=V`, and the errors for a bad `--axis`.
@Suite(.timeLimit(.minutes(4)), .blocking) struct AxisCommandTests {
    static let matrix = """
        fixtures = "fixtures"
        link = ["shared-libgcc", "static"]
        axis_order = ["linker", "pic"]
        [axes.pic]
        phase = "compile"
        pic = { cflags = ["-fPIC"] }
        nopic = { cflags = ["-fno-PIC"], ldflags = ["-no-pie"] }
        [axes.linker]
        phase = "link"
        bfd = { ldflags = ["-fuse-ld=bfd"] }
        gold = { ldflags = ["-fuse-ld=gold"] }
        [compilers.gcc]
        cc = "gcc"
        [targets.x86_64]
        """

    static func setUp() throws -> TempDir {
        let dir = try TempDir()
        try FileManager.default.createDirectory(atPath: dir.path("fixtures"), withIntermediateDirectories: true)
        try matrix.write(toFile: dir.path("m.toml"), atomically: true, encoding: .utf8)
        try "// EXPECT-STDOUT: hi\n#include <stdio.h>\nint main(void) { puts(\"hi\"); return 0; }\n"
            .write(toFile: dir.path("fixtures/hi.c"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func listShowsAxesAndNarrows() throws {
        let dir = try Self.setUp()
        let all = try ToolgateBinary.run(["list", dir.path("m.toml")], timeout: 60)
        #expect(all.status == 0, "\(all.stderr)")
        let ids = all.stdout.split(separator: "\n").map(String.init)
        #expect(ids.count == 2 * 2 * 2)
        #expect(ids.first == "hi/gcc/x86_64/shared-libgcc/O2/bfd/pic")
        #expect(all.stderr.contains("8 cells, 2 build units"), "\(all.stderr)")
        let narrowed = try ToolgateBinary.run(["list", dir.path("m.toml"), "--axis", "linker=gold", "--axis", "link=static"], timeout: 60)
        #expect(narrowed.stdout.split(separator: "\n") == ["hi/gcc/x86_64/static/O2/gold/pic", "hi/gcc/x86_64/static/O2/gold/nopic"])
        let filtered = try ToolgateBinary.run(["list", dir.path("m.toml"), "--filter", "pic=nopic"], timeout: 60)
        #expect(filtered.stdout.split(separator: "\n").allSatisfy { $0.hasSuffix("/nopic") } && filtered.stdout.split(separator: "\n").count == 4)
    }

    @Test(arguments: [
        ("lnker=bfd", "toolgate: error: --axis: the matrix has no axis 'lnker'; it has link, opt, linker, pic; did you mean 'linker'?"),
        ("linker=mold", "toolgate: error: --axis linker: unknown value 'mold'; the matrix has bfd, gold"),
        ("linker", "toolgate: error: --axis 'linker' is not NAME=VALUE[,VALUE...]"),
    ])
    func badAxisIsAnError(_ argument: String, _ message: String) throws {
        let dir = try Self.setUp()
        let r = try ToolgateBinary.run(["list", dir.path("m.toml"), "--axis", argument], timeout: 60)
        #expect(r.status == 2)
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    /// A run: the grid has a row per declared axis, JUnit names the whole configuration, and each
    /// record carries `axes`; metadata keeps the declared axes for merge.
    @Test func runWritesAxesEverywhere() throws {
        let dir = try Self.setUp()
        let r = try ToolgateBinary.run(["run", dir.path("m.toml"), "--out", dir.path("out"), "--no-cache", "--axis", "linker=bfd"], timeout: 180)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\nlinker   bf bf bf bf\n"), "\(r.stdout)")
        #expect(r.stdout.contains("\npic      pi no pi no\n"), "\(r.stdout)")
        let junit = try String(contentsOfFile: dir.path("out/junit.xml"), encoding: .utf8)
        #expect(junit.contains("name=\"gcc/x86_64/static/O2/bfd/nopic\""))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path("out/report.json")))) as? [String: Any])
        let cells = try #require(report["cells"] as? [[String: Any]])
        #expect(cells.count == 4)
        #expect(cells.allSatisfy { ($0["axes"] as? [String: String])?["linker"] == "bfd" })
        let extra = ((report["metadata"] as? [String: Any])?["axes"] as? [String: Any])?["extra"] as? [[String: Any]]
        #expect(extra?.map { $0["name"] as? String } == ["linker", "pic"])
    }

    /// Shards keep build units whole and merge puts the cells back in plan order, declared axes included.
    @Test func shardsMergeInPlanOrder() throws {
        let dir = try Self.setUp()
        let whole = try ToolgateBinary.run(["list", dir.path("m.toml")], timeout: 60).stdout.split(separator: "\n").map(String.init)
        var parts: [String] = []
        for k in 1...2 {
            let out = dir.path("s\(k)")
            let r = try ToolgateBinary.run(["run", dir.path("m.toml"), "--out", out, "--no-cache", "--shard", "\(k)/2"], timeout: 180)
            #expect(r.status == 0, "\(r.stderr)")
            parts.append(out)
        }
        let merged = try ToolgateBinary.run(["merge", "--out", dir.path("merged"), parts[1], parts[0]], timeout: 60)
        #expect(merged.status == 0, "\(merged.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path("merged/report.json")))) as? [String: Any])
        let ids = (report["cells"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(ids == whole)
    }
}
