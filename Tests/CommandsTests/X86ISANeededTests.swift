import Foundation
import Testing

/// `x86_isa_needed` against readelf's "x86 ISA needed:" on binaries built here: ld's default note
/// (baseline), `-z x86-64-v3` with -march=x86-64-v3, an i686 build with `-z x86-64-v2` (the bits are
/// not cumulative: v2 alone), and files without the property (lld writes none; aarch64 has no such note).
@Suite("inspect x86_isa_needed", .timeLimit(.minutes(3)), .blocking)
struct X86ISANeededTests {
    /// readelf's list, nil when the file declares none.
    static func readelfISA(_ path: String) throws -> [String]? {
        let notes = try Spawn.check("readelf", ["-nW", path]).stdout
        for line in notes.split(separator: "\n") {
            guard let r = line.range(of: "x86 ISA needed: ") else { continue }
            return line[r.upperBound...].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        return nil
    }

    @Test func agreesWithReadelf() throws {
        let dir = try TempDir()
        try "int main(void) { return 0; }\n".write(toFile: dir.path("m.c"), atomically: true, encoding: .utf8)
        let builds: [(String, String, [String])] = [
            ("plain", "gcc", []),
            ("v3", "gcc", ["-march=x86-64-v3", "-Wl,-z,x86-64-v3"]),
            ("i686-v2", "gcc", ["-m32", "-Wl,-z,x86-64-v2"]),
            ("lld", "clang-19", ["-fuse-ld=lld"]),
            ("aarch64", "aarch64-linux-gnu-gcc", []),
        ]
        for (name, cc, flags) in builds { try Spawn.check(cc, flags + ["m.c", "-o", name], in: dir.url) }
        let paths = builds.map { dir.path($0.0) }
        let run = try ToolgateBinary.run(["inspect", "--json"] + paths)
        #expect(run.status == 0, "\(run.stderr)")
        let facts = try jsonArray(run.stdout)
        #expect(facts.count == paths.count)
        var expected: [String: [String]?] = [:]
        for (path, f) in zip(paths, facts) {
            let want = try Self.readelfISA(path)
            expected[(path as NSString).lastPathComponent] = want
            #expect(f["x86_isa_needed"] as? [String] == want, "\(path): readelf says \(want ?? [])")
            #expect((f["x86_isa_needed"] == nil) == (want == nil), "\(path): the key is there exactly when the note is")
        }
        // What readelf said, so the comparison above compared something.
        #expect(expected["v3"] == ["x86-64-baseline", "x86-64-v3"])
        #expect(expected["i686-v2"] == ["x86-64-v2"])
        #expect(expected["lld"] == .some(nil))
        #expect(expected["aarch64"] == .some(nil))

        let table = try ToolgateBinary.run(["inspect", dir.path("v3"), dir.path("aarch64")])
        #expect(table.stdout.contains("  isa_needed   x86-64-baseline, x86-64-v3\n"), "\(table.stdout)")
        #expect(table.stdout.components(separatedBy: "isa_needed").count == 2, "only the x86 file has the line")
    }
}
