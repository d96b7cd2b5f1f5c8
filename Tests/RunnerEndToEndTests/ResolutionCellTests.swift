import Foundation
import Testing
@testable import ELFInspection
@testable import Model
@testable import Execution

/// Each cell's `resolution`: the binary resolved against its target's root (the host's /, the aarch64
/// qemu -L directory) after the link. A program needing a library that is in neither its root nor its
/// rpath names it in `resolution` and heads its reason with it; a clean one records [], a static one too.
@Suite(.timeLimit(.minutes(5)), .blocking) struct ResolutionCellTests {
    /// One compiler call with a time limit.
    static func build(_ tool: String, _ arguments: [String], in dir: String) throws {
        try Spawn.check(tool, arguments, in: URL(fileURLWithPath: dir))
    }

    @Test func aLibraryMissingFromTheRootIsTheCellsResolutionAndReason() async throws {
        try Harness.require(["gcc", "aarch64-linux-gnu-gcc", "qemu-aarch64", "prlimit"])
        let h = try Harness()
        // libgone.so.1 exists at link time only, outside any directory the loader searches.
        for (dir, cc) in [("x86", "gcc"), ("arm", "aarch64-linux-gnu-gcc")] {
            try h.write("libs/\(dir)/gone.c", "int gone(void) { return 0; }\n")
            try Self.build(cc, ["-shared", "-fPIC", "-Wl,-soname,libgone.so.1", "-o", "libgone.so", "gone.c"],
                           in: h.root + "/libs/\(dir)")
        }
        try h.write("fixtures/hello.c", """
            // EXPECT-STDOUT: hello
            #include <stdio.h>
            int main(void) { puts("hello"); return 0; }
            """)
        try h.write("fixtures/needs-gone.c", """
            // UNSUPPORTED: link=static
            // LIBS: -lgone
            int gone(void);
            int main(void) { return gone(); }
            """)
        let records = try await h.run(matrix: """
            fixtures = "fixtures"
            link = ["shared-libgcc", "static"]
            [compilers.gcc]
            cc = "gcc"
            cxx = "g++"
            [compilers.gcc.targets.x86_64]
            ldflags = ["-L\(h.root)/libs/x86"]
            [compilers.gcc.targets.aarch64]
            cc = "aarch64-linux-gnu-gcc"
            cxx = "aarch64-linux-gnu-g++"
            ldflags = ["-L\(h.root)/libs/arm"]
            [targets.x86_64]
            [targets.aarch64]
            runner = ["qemu-aarch64", "-L", "/usr/aarch64-linux-gnu"]
            """)
        for target in ["x86_64", "aarch64"] {
            let clean = try #require(records.first { $0.id.hasPrefix("hello/gcc/\(target)/shared-libgcc") },
                                     "\(Harness.describe(records))")
            #expect(clean.status == .pass, "\(clean.id): \(clean.reason ?? "")")
            // libc.so.6 and the loader are found in the target's root: nothing to say.
            #expect(clean.resolution == [], "\(clean.id): \(clean.resolution ?? [])")
            let staticCell = try #require(records.first { $0.id.hasPrefix("hello/gcc/\(target)/static") })
            #expect(staticCell.resolution == [])

            let broken = try #require(records.first { $0.id.hasPrefix("needs-gone/gcc/\(target)/shared-libgcc") })
            #expect(broken.status == .fail || broken.status == .crash, "\(broken.id): \(broken.status)")
            let expected = ResolutionProblem(.missingLibrary, "libgone.so.1 not found (needed by prog)",
                                             library: "libgone.so.1", neededBy: "prog")
            #expect(broken.resolution == [expected], "\(broken.id): \(broken.resolution ?? [])")
            #expect(broken.reason?.hasPrefix("libgone.so.1 not found (needed by prog)") == true, "\(broken.id): \(broken.reason ?? "")")
            // The loader said so too when it ran.
            #expect(broken.stderr.contains("libgone.so.1"), "\(broken.id): \(broken.stderr)")
        }

        // The field goes into report.json and reads back; a record without it reads as nil.
        let data = try JSONEncoder().encode(records)
        let decoded = try JSONDecoder().decode([CellRecord].self, from: data)
        #expect(decoded == records)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"resolution\""))
        let old = CellRecord(fixture: "f", compiler: "c", target: "t", link: "l", opt: "O0", status: .pass)
        #expect(!String(decoding: try JSONEncoder().encode(old), as: UTF8.self).contains("resolution"))
    }
}
