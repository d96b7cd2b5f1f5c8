import Foundation
import Testing

/// A sealed run step longer than a few seconds lives as long as its program, and a looping one ends as a
/// timeout. bubblewrap's --die-with-parent kills it when the *thread* that started it ends; started on a
/// worker thread that Dispatch retired as idle, a step was SIGKILLed about 5 s in and read as a crash.
@Suite("sealed long steps", .serialized, .timeLimit(.minutes(4)), .blocking)
struct SealedLongStepCommandTests {
    @Test func aSealedStepOutlivesIdleWorkerThreadsAndALooperTimesOut() throws {
        for tool in ["gcc", "bwrap"] { _ = try Spawn.require(tool) }
        let dir = try TempDir()
        try FileManager.default.createDirectory(atPath: dir.path("fixtures"), withIntermediateDirectories: true)
        try """
            fixtures = "fixtures"
            sandbox = "bwrap"
            link = ["static", "shared-libgcc"]
            timeout = 14
            [compilers.gcc]
            cc = "gcc"
            [targets.x86_64]
            """.write(toFile: dir.path("matrix.toml"), atomically: true, encoding: .utf8)
        try """
            // EXPECT-STDOUT: slept
            #include <stdio.h>
            #include <unistd.h>
            int main(void) { sleep(8); puts("slept"); return 0; }
            """.write(toFile: dir.path("fixtures/sleeper.c"), atomically: true, encoding: .utf8)
        try "int main(void) { for (;;) { } }\n".write(toFile: dir.path("fixtures/looper.c"), atomically: true, encoding: .utf8)
        let run = try ToolgateBinary.run(["run", dir.path("matrix.toml"), "--out", dir.path("out"), "--no-cache", "-j", "2"], timeout: 200)
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: dir.path("out/report.json")))
        let top = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cells = try #require(top["cells"] as? [[String: Any]])
        #expect(cells.count == 4)
        for c in cells {
            let id = c["id"] as? String ?? ""
            #expect(c["sandbox"] as? String == "bwrap", "\(id)")
            let expected = id.hasPrefix("sleeper/") ? "pass" : "timeout"
            #expect(c["status"] as? String == expected, "\(id): \(c["status"] ?? "") \(c["reason"] ?? "")")
        }
    }
}
