import Foundation
import Testing

/// A healthy run with the real gcc as baseline, then broken toolchains made from wrapper scripts around it:
/// `toolgate run --baseline` must name each breakage by its field, and must not flag a healthy rerun.
@Suite("compare with real toolchains", .serialized, .timeLimit(.minutes(6)), .blocking)
struct CompareEndToEndTests {
    static let fixtures: [String: String] = [
        "hello.c": "// EXPECT-STDOUT: hello\n#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n",
        "answer.c": """
            // No EXPECT-STDOUT: the baseline's output is the expectation.
            #include <stdio.h>
            #ifndef ANSWER
            #define ANSWER 42
            #endif
            int main(void) { printf("answer %d\\n", ANSWER); return 0; }

            """,
        "throw.cc": """
            // EXPECT-STDOUT: caught 7
            #include <cstdio>
            #include <stdexcept>
            static void deep(int n) { if (n == 0) throw std::runtime_error("x"); deep(n - 1); }
            int main() { try { deep(7); } catch (const std::exception &) { std::puts("caught 7"); } return 0; }

            """,
    ]

    /// A gcc and g++ pair that add `extra` to every command line.
    static func wrapper(_ dir: TempDir, _ name: String, _ extra: String) throws -> (cc: String, cxx: String) {
        let base = dir.path("wrappers/\(name)")
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        var paths: [String] = []
        for (tool, real) in [("gcc", "gcc"), ("g++", "g++")] {
            let path = base + "/" + tool
            try "#!/bin/sh\nexec \(real) \"$@\" \(extra)\n".write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
            paths.append(path)
        }
        return (paths[0], paths[1])
    }

    /// The same matrix name every time; only the drivers change (so the sha256 differs: a warning).
    static func matrix(_ dir: TempDir, _ name: String, cc: String = "gcc", cxx: String = "g++") throws -> String {
        let path = dir.path("matrix-\(name).toml")
        let text = """
            name = "e2e"
            fixtures = "fixtures"
            opt = ["-O2"]
            link = ["shared-libgcc", "static"]
            timeout = 60
            [compilers.gcc]
            cc = "\(cc)"
            cxx = "\(cxx)"
            [targets.x86_64]

            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func comparison(_ dir: String) throws -> (regressions: [[String: Any]], summary: [String: Int]) {
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/comparison.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (try #require(object["regressions"] as? [[String: Any]]), try #require(object["summary"] as? [String: Int]))
    }

    @Test func brokenToolchainsAreFlaggedAndAHealthyRerunIsNot() throws {
        let dir = try TempDir()
        try FileManager.default.createDirectory(atPath: dir.path("fixtures"), withIntermediateDirectories: true)
        for (name, text) in Self.fixtures { try text.write(toFile: dir.path("fixtures/\(name)"), atomically: true, encoding: .utf8) }

        let base = try ToolgateBinary.run(["run", try Self.matrix(dir, "base"), "--out", dir.path("base"), "-j", "2"], timeout: 240)
        try #require(base.status == 0, "the healthy baseline must pass:\n\(base.stdout)\(base.stderr)")
        for name in ["report.json", "junit.xml", "summary.md", "index.html"] {
            #expect(FileManager.default.fileExists(atPath: dir.path("base/\(name)")), "every run writes \(name)")
        }
        let baseline = dir.path("base/report.json")

        let hello = "hello/gcc/x86_64/shared-libgcc/O2"
        let cases: [(name: String, extra: String, cell: String, field: String)] = [
            ("execstack", "-Wl,-z,execstack", hello, "nx_stack"),
            ("norelro", "-Wl,-z,norelro", hello, "relro"),
            ("rpath", "-Wl,-rpath,\(dir.path("build/lib"))", hello, "path"),
            ("static-libgcc", "-static-libgcc", "throw/gcc/x86_64/shared-libgcc/O2", "libgcc"),
            ("answer", "-DANSWER=43", "answer/gcc/x86_64/shared-libgcc/O2", "stdout"),
        ]
        for c in cases {
            let tools = try Self.wrapper(dir, c.name, c.extra)
            let matrix = try Self.matrix(dir, c.name, cc: tools.cc, cxx: tools.cxx)
            let out = dir.path("out-\(c.name)")
            let run = try ToolgateBinary.run(
                ["run", matrix, "--out", out, "-j", "2", "--baseline", baseline, "--color", "never"], timeout: 240)
            #expect(run.status == 1, "\(c.name) must regress:\n\(run.stdout)\(run.stderr)")
            #expect(run.stdout.contains("REGRESSIONS ("), "\(c.name):\n\(run.stdout)")
            #expect(run.stdout.contains("warning: the matrix file 'e2e' changed"))
            let result = try Self.comparison(out)
            let hit = result.regressions.first { r in
                r["cell"] as? String == c.cell && ((r["field"] as? String)?.hasSuffix(c.field) ?? false)
            }
            #expect(hit != nil, "\(c.name): no '\(c.field)' regression of \(c.cell) in \(result.regressions)")
            let junit = (try? String(contentsOfFile: out + "/junit.xml", encoding: .utf8)) ?? ""
            #expect(junit.contains("<failure type=\"regression\""), "\(c.name): junit.xml names no regression")
            let summary = (try? String(contentsOfFile: out + "/summary.md", encoding: .utf8)) ?? ""
            #expect(summary.contains("### Regressions ("), "\(c.name): summary.md has no regressions table")
        }

        let rerun = try ToolgateBinary.run(
            ["run", try Self.matrix(dir, "base"), "--out", dir.path("rerun"), "-j", "2", "--baseline", baseline, "--color", "never"],
            timeout: 240)
        #expect(rerun.status == 0, "a healthy rerun must not regress:\n\(rerun.stdout)\(rerun.stderr)")
        let healthy = try Self.comparison(dir.path("rerun"))
        #expect(healthy.regressions.isEmpty, "\(healthy.regressions)")
        #expect(healthy.summary["unchanged"] == 6)
        let summary = (try? String(contentsOfFile: dir.path("rerun/summary.md"), encoding: .utf8)) ?? ""
        #expect(summary.contains("**OK: no regression"), "\(summary)")
        let compare = try ToolgateBinary.run(["compare", baseline, dir.path("rerun/report.json"), "--format", "json"])
        #expect(compare.status == 0, "\(compare.stdout)\(compare.stderr)")
    }

    /// A gcc that cannot link -m32 (a rebootstrap that lost its 32-bit multilib): the i686 cells regress with
    /// a link error, the x86_64 ones do not.
    @Test func aToolchainThatCannotLinkM32() throws {
        let dir = try TempDir()
        try FileManager.default.createDirectory(atPath: dir.path("fixtures"), withIntermediateDirectories: true)
        try Self.fixtures["hello.c", default: ""].write(toFile: dir.path("fixtures/hello.c"), atomically: true, encoding: .utf8)
        func matrix(_ name: String, _ cc: String) throws -> String {
            let path = dir.path("m32-\(name).toml")
            try """
                name = "m32"
                fixtures = "fixtures"
                opt = ["-O2"]
                link = ["shared-libgcc"]
                [compilers.gcc]
                cc = "\(cc)"
                cxx = "g++"
                [targets.x86_64]
                [targets.i686]
                cflags = ["-m32"]

                """.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let base = try ToolgateBinary.run(["run", try matrix("base", "gcc"), "--out", dir.path("base"), "-j", "2"], timeout: 240)
        try #require(base.status == 0, "the healthy baseline must pass (gcc -m32 needs gcc-12-multilib):\n\(base.stdout)\(base.stderr)")
        let wrapper = dir.path("no-m32-gcc")
        try """
            #!/bin/sh
            # Compiles -m32, but cannot link it.
            case " $* " in *" -m32 "*) case " $* " in *" -c "*) ;; *) echo "ld: cannot find crt1.o" >&2; exit 1;; esac;; esac
            exec gcc "$@"

            """.write(toFile: wrapper, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper)
        let run = try ToolgateBinary.run(
            ["run", try matrix("broken", wrapper), "--out", dir.path("broken"), "-j", "2", "--baseline", dir.path("base/report.json")],
            timeout: 240)
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        let result = try Self.comparison(dir.path("broken"))
        let cells = result.regressions.map { "\($0["cell"] as? String ?? "") \($0["field"] as? String ?? "") \($0["after"] as? String ?? "")" }
        #expect(cells == ["hello/gcc/i686/shared-libgcc/O2 status link-error"], "\(result.regressions)")

        // A filtered run records its filter: the cells it left out are missing, accounted for.
        let filtered = try ToolgateBinary.run(
            ["run", try matrix("base", "gcc"), "--out", dir.path("filtered"), "--filter", "*/x86_64/*", "--baseline", dir.path("base/report.json")],
            timeout: 240)
        #expect(filtered.status == 0, "\(filtered.stdout)\(filtered.stderr)")
        #expect(filtered.stdout.contains("hello/gcc/i686/shared-libgcc/O2: left out by --filter '*/x86_64/*'"), "\(filtered.stdout)")
    }

    @Test func anUnreadableBaselineStopsTheRunBeforeItStarts() throws {
        let dir = try TempDir()
        try FileManager.default.createDirectory(atPath: dir.path("fixtures"), withIntermediateDirectories: true)
        try "{\"schema_version\": 1,".write(toFile: dir.path("bad.json"), atomically: true, encoding: .utf8)
        let run = try ToolgateBinary.run(["run", try Self.matrix(dir, "x"), "--out", dir.path("o"), "--baseline", dir.path("bad.json")])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix(dir.path("bad.json") + ":1:"), "\(run.stderr)")
        #expect(run.stderr.contains("error: not valid JSON"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("o/report.json")))
    }
}
