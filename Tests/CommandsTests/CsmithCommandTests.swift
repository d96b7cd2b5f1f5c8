import Foundation
import Testing

/// `toolgate run --generate csmith` and `toolgate reduce` end to end, with real csmith, gcc, clang-19,
/// qemu-aarch64 and cvise; the one stand-in is a planted broken assembler (`broken-gcc`, below).
@Suite("csmith and reduce", .serialized, .blocking)
struct CsmithCommandTests {
    static let tools = ["csmith", "cvise", "gcc", "clang-19", "aarch64-linux-gnu-gcc", "qemu-aarch64", "prlimit"]

    /// A gcc whose assembler is broken: compile steps go through `-S`, and the first register-to-register
    /// `subl` of the assembly becomes `addl` before gcc assembles it; every other call is plain gcc. It
    /// changes the checksum of some seeds (seed 1 of the default flags, seed 2 of `--max-funcs 3
    /// --max-block-depth 3`) and leaves others alone (seed 2, 3 and 4 of the default flags).
    static let brokenGCC = #"""
        #!/bin/bash
        set -u
        args=("$@") compile=0 out="" rest=() bits=()
        for ((i = 0; i < ${#args[@]}; i++)); do
            case "${args[i]}" in
                -c) compile=1 ;;
                -o) out="${args[i+1]}"; i=$((i+1)); continue ;;
                -m32|-m64) bits+=("${args[i]}") ;;
            esac
            [ "${args[i]}" = -c ] || rest+=("${args[i]}")
        done
        if [ "$compile" = 0 ] || [ -z "$out" ]; then exec gcc "$@"; fi
        gcc -S "${rest[@]}" -o "$out.s" || exit $?
        sed -i -E '0,/^\tsubl\t(%[a-z0-9]+), (%[a-z0-9]+)$/s//\taddl\t\1, \2/' "$out.s"
        gcc -c ${bits[@]+"${bits[@]}"} "$out.s" -o "$out"; status=$?
        rm -f "$out.s"
        exit $status

        """#

    static func setUp(_ matrix: String) throws -> TempDir {
        for t in tools { _ = try Spawn.require(t) }
        let dir = try TempDir()
        try brokenGCC.write(toFile: dir.path("broken-gcc"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path("broken-gcc"))
        try matrix.replacingOccurrences(of: "BROKEN", with: dir.path("broken-gcc"))
            .write(toFile: dir.path("matrix.toml"), atomically: true, encoding: .utf8)
        return dir
    }

    /// The report's cells; `run` is the run that wrote it, shown whole when there is no report to read.
    static func cells(_ reportPath: String, of run: ProcessOutput) throws -> (report: [String: Any], cells: [[String: Any]]) {
        guard let data = FileManager.default.contents(atPath: reportPath) else {
            throw HarnessError(description: "no \(reportPath): \(run.commandLine) ended \(run.timedOut ? "by its time limit" : "with exit \(run.status)")\nstdout:\n\(run.stdout)\nstderr:\n\(run.stderr)")
        }
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (report, try #require(report["cells"] as? [[String: Any]]))
    }

    static let gccAndClang = """
        [compilers.gcc]
        cc = "gcc"
        cxx = "g++"
        [compilers.clang]
        cc = "clang-19"
        cxx = "clang++-19"

        """
    /// As in matrices/default.toml.
    static let aarch64Drivers = """
        [compilers.gcc.targets.aarch64]
        cc = "aarch64-linux-gnu-gcc"
        cxx = "aarch64-linux-gnu-g++"
        [compilers.clang.targets.aarch64]
        cflags = ["--target=aarch64-linux-gnu"]

        """

    @Test(.timeLimit(.minutes(10)))
    func aHealthyMatrixAgrees() throws {
        let dir = try Self.setUp("""
            name = "csmith-healthy"
            link = ["static"]
            \(Self.gccAndClang)
            \(Self.aarch64Drivers)
            [targets.x86_64]
            [targets.i686]
            cflags = ["-m32"]
            [targets.aarch64]
            runner = ["qemu-aarch64", "-L", "/usr/aarch64-linux-gnu"]

            """)
        let out = dir.path("out")
        let r = try ToolgateBinary.run(
            ["run", dir.path("matrix.toml"), "--generate", "csmith", "--seeds", "1-20", "--out", out, "--cache-dir", dir.path("cache")],
            timeout: 580)
        #expect(!r.timedOut)
        let (report, cells) = try Self.cells(out + "/report.json", of: r)
        #expect(cells.count == 20 * 6)
        var bySeed: [String: Set<String>] = [:]
        var passed = 0
        for c in cells {
            let status = c["status"] as? String ?? ""
            // A looping seed times out; nothing else may happen to a healthy toolchain.
            #expect(status == "pass" || status == "timeout", "\(c["id"] ?? ""): \(status) \(c["reason"] ?? "")")
            if status == "pass" {
                passed += 1
                bySeed[c["fixture"] as? String ?? "", default: []].insert(c["checksum"] as? String ?? "none")
            }
        }
        for (seed, sums) in bySeed { #expect(sums.count == 1, "\(seed): \(sums.sorted())") }
        #expect(!bySeed.values.contains { $0.contains("none") })
        #expect(passed >= 20 * 6 / 2, "only \(passed) cells finished")
        #expect(r.status == (cells.allSatisfy { $0["status"] as? String == "pass" } ? 0 : 1))
        let generator = try #require((report["metadata"] as? [String: Any])?["generator"] as? [String: Any])
        #expect(generator["seeds"] as? String == "1-20")
        #expect(generator["version"] as? String == "csmith 2.3.0")
        #expect(!r.stdout.contains("wrong code in"))
    }

    static let plantedMatrix = """
        name = "csmith-planted"
        link = ["static"]
        \(gccAndClang)
        [compilers.broken]
        cc = "BROKEN"
        cxx = "g++"
        [targets.x86_64]
        [targets.i686]
        cflags = ["-m32"]
        [generate]
        seeds = "1-4"
        reference = { compiler = "gcc" }

        """

    @Test(.timeLimit(.minutes(6)))
    func aPlantedBrokenAssemblerIsCaughtOnExactlyItsCells() throws {
        let dir = try Self.setUp(Self.plantedMatrix)
        let out = dir.path("out")
        let r = try ToolgateBinary.run(["run", dir.path("matrix.toml"), "--out", out, "--cache-dir", dir.path("cache")], timeout: 340)
        #expect(r.status == 1, "\(r.stderr)")
        let (_, cells) = try Self.cells(out + "/report.json", of: r)
        #expect(cells.count == 4 * 3 * 2)
        let wrong = cells.filter { $0["status"] as? String == "wrong-code" }
        #expect(!wrong.isEmpty, "the broken assembler changed no checksum")
        for c in cells {
            let broken = c["compiler"] as? String == "broken"
            let status = c["status"] as? String ?? ""
            if status == "wrong-code" {
                #expect(broken, "\(c["id"] ?? "") is wrong-code, but gcc and clang are healthy")
                let reason = c["reason"] as? String ?? ""
                #expect(reason.contains("checksum \(c["checksum"] as? String ?? "?"), expected "), "\(reason)")
                #expect(reason.contains("the reference compiler=gcc"), "\(reason)")
            } else if !broken {
                #expect(status == "pass", "\(c["id"] ?? ""): \(status) \(c["reason"] ?? "")")
            }
        }
        // Seed 1 is wrong on x86_64 (found by trying seeds 1-20 with this wrapper).
        #expect(wrong.contains { $0["id"] as? String == "csmith-1/broken/x86_64/static/O2" })
        // Listed first: in the terminal, summary.md and index.html; JUnit has the failure type.
        #expect(r.stdout.contains("wrong code in") && r.stdout.contains("toolgate reduce csmith-1/broken/"), "\(r.stdout)")
        #expect(r.stdout.contains("W wrong-code"))
        let summary = try String(contentsOfFile: out + "/summary.md", encoding: .utf8)
        let wrongAt = try #require(summary.range(of: "### Wrong code (")).lowerBound
        if let failingAt = summary.range(of: "### Failing cells")?.lowerBound { #expect(wrongAt < failingAt) }
        let html = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(html.contains("<h2>Wrong code (") && html.contains("W wrong-code"))
        #expect(try String(contentsOfFile: out + "/junit.xml", encoding: .utf8).contains("type=\"wrong-code\""))

        // compare: the healthy baseline against the run with the broken assembler: a regression with evidence.
        let healthy = dir.path("healthy")
        try Self.plantedMatrix.replacingOccurrences(of: "BROKEN", with: "gcc").write(toFile: dir.path("healthy.toml"), atomically: true, encoding: .utf8)
        let h = try ToolgateBinary.run(["run", dir.path("healthy.toml"), "--out", healthy, "--cache-dir", dir.path("cache")], timeout: 300)
        #expect(h.status == 0, "\(h.stdout)\(h.stderr)")
        // Same matrix name; the compare reads both.
        let c = try ToolgateBinary.run(["compare", healthy + "/report.json", out + "/report.json"])
        #expect(c.status == 1)
        #expect(c.stdout.contains("csmith-1/broken/x86_64/static/O2") && c.stdout.contains("wrong-code"), "\(c.stdout)")
    }

    /// Seed 20 loops: built by gcc -O2 and clang-19 -O2 it ran past 30 s (found by running seeds 1-20
    /// with a 10 s limit; only 20 printed nothing). Seed 7 gives D9927B6C everywhere (the issue's fact).
    @Test(.timeLimit(.minutes(4)))
    func theLoopersStayApart() throws {
        let dir = try Self.setUp("""
            name = "csmith-loopers"
            link = ["static"]
            \(Self.gccAndClang)
            [targets.x86_64]
            [generate]
            seeds = "7,20"
            timeout = 3

            """)
        let out = dir.path("out")
        let r = try ToolgateBinary.run(["run", dir.path("matrix.toml"), "--out", out, "--no-cache"], timeout: 200)
        let (report, cells) = try Self.cells(out + "/report.json", of: r)
        for c in cells {
            let expected = c["fixture"] as? String == "csmith-20" ? "timeout" : "pass"
            #expect(c["status"] as? String == expected, "\(c["id"] ?? ""): \(c["status"] ?? "") \(c["reason"] ?? "")")
            if expected == "pass" { #expect(c["checksum"] as? String == "D9927B6C") }
        }
        #expect((report["metadata"] as? [String: Any])?["generator_trouble"] as? [Int] == [20])
        #expect(r.stdout.contains("generator trouble (no cell completed: all timed out or crashed): seeds 20"), "\(r.stdout)")
        #expect(!r.stdout.contains("wrong code in"))
    }

    @Test(.timeLimit(.minutes(6)))
    func aReductionEndsSmallStillDifferentAndUBFree() throws {
        let dir = try Self.setUp("""
            name = "csmith-reduce"
            link = ["static-libgcc"]
            [compilers.gcc]
            cc = "gcc"
            cxx = "g++"
            [compilers.broken]
            cc = "BROKEN"
            cxx = "g++"
            [targets.x86_64]

            """)
        let out = dir.path("out")
        // Seed 2 with these flags: 206 lines, and the broken assembler changes its checksum.
        let run = try ToolgateBinary.run(
            ["run", dir.path("matrix.toml"), "--generate", "csmith", "--seeds", "2", "--csmith-flags", "--max-funcs 3 --max-block-depth 3",
             "--out", out, "--no-cache"], timeout: 120)
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        let cell = "csmith-2/broken/x86_64/static-libgcc/O2"
        let start = ContinuousClock.now
        let r = try ToolgateBinary.run(["reduce", cell, "--report", out + "/report.json", "--time-limit", "280s"], timeout: 330)
        let took = ContinuousClock.now - start
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(took < .seconds(280 + 45), "the reduction ran past its limit: \(took)")
        let reduceDir = out + "/reduce/csmith-2_broken_x86_64_static-libgcc_O2"
        let original = try String(contentsOfFile: out + "/generated/csmith-2.c", encoding: .utf8)
        let reduced = try String(contentsOfFile: reduceDir + "/reduced.c", encoding: .utf8)
        // Lines as `reduce` counts them: every line, blank ones too.
        let before = original.filter { $0 == "\n" }.count, after = reduced.filter { $0 == "\n" }.count
        // reduced.c has one top-level form a line (Reducer.flatten), so its lines are its declarations and
        // functions. The issue asks for under 5% (10 of these 206 lines). C-Vise alone, on this project's shared
        // 2-core machine, ends at 10-11 (4.9-5.3%): the globals that func_1's one big expression still reads;
        // FormSweep's passes then replace those globals by constants (benchmarks/reduce.sh small, 200 s, load 6-7:
        // 8 lines, 1330 bytes). The test holds under 5% of the lines and half the bytes (the whole test: 232 s
        // and 236 s at load 2-7).
        #expect(after * 100 < before * 5 && reduced.utf8.count * 2 < original.utf8.count,
                "\(after) lines (\(reduced.utf8.count) bytes) of \(before) (\(original.utf8.count) bytes)\n\(reduced)")
        #expect(r.stdout.contains("one top-level form a line"), "\(r.stdout)")
        #expect(r.stdout.contains("reduced: \(before) lines"), "\(r.stdout)")
        // The generated test accepts the reduced program (it still differs, and its UB guards pass) and leaves nothing behind.
        let check = try TempDir()
        try reduced.write(toFile: check.path("reduced.c"), atomically: true, encoding: .utf8)
        let test = try Spawn.run("bash", [reduceDir + "/test.sh"], in: check.url, timeout: .seconds(180))
        #expect(test.status == 0, "\(test.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: check.url.path) == ["reduced.c"])
        let repro = try Spawn.run("bash", [reduceDir + "/repro.sh", check.path("reduced.c")], in: check.url, timeout: .seconds(180))
        #expect(repro.status == 0 && repro.stdout.contains("reproduced"), "\(repro.stdout)\(repro.stderr)")
        for f in ["commands.txt", "wrong.out", "agreeing.out", "repro.sh", "test.sh"] {
            #expect(FileManager.default.fileExists(atPath: reduceDir + "/" + f), "\(f)")
        }
        #expect(try String(contentsOfFile: reduceDir + "/wrong.out", encoding: .utf8)
            != String(contentsOfFile: reduceDir + "/agreeing.out", encoding: .utf8))
    }

    @Test(.timeLimit(.minutes(5)))
    func badSeedsAndANonWrongCodeCellAreClearErrors() throws {
        let dir = try Self.setUp("name = \"x\"\n\(Self.gccAndClang)[targets.x86_64]\n")
        let r = try ToolgateBinary.run(["run", dir.path("matrix.toml"), "--generate", "csmith", "--seeds", "9-3", "--out", dir.path("o")])
        #expect(r.status == 2 && r.stderr.contains("'--seeds': the seed range '9-3' runs backwards; write '3-9'"), "\(r.stderr)")
        let n = try ToolgateBinary.run(["run", dir.path("matrix.toml"), "--generate", "csmith", "--out", dir.path("o")])
        #expect(n.status == 2 && n.stderr.contains("'--generate csmith' needs '--seeds'"), "\(n.stderr)")
        let q = try ToolgateBinary.run(["reduce", "nope/gcc/x86_64/static/O2", "--report", dir.path("none.json")])
        #expect(q.status == 2 && q.stderr.contains("cannot read"), "\(q.stderr)")
    }
}
