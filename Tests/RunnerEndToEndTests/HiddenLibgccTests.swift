import Foundation
import Testing
@testable import Model

/// glibc dlopens libgcc_s.so.1 for pthread_cancel, and C++ needs it to unwind: a sysroot without it
/// builds fine and only fails when run. A copy of the aarch64 sysroot, less that one file.
@Suite(.timeLimit(.minutes(4)), .blocking) struct HiddenLibgccTests {
    static let real = "/usr/aarch64-linux-gnu"

    /// A real copy. Not symlinks: run steps are sealed in a sandbox whose root is the sysroot, where an
    /// absolute symlink into /usr/aarch64-linux-gnu would point at nothing. Not hard links: a new link
    /// changes the host file's ctime, and the build cache's race guard then refuses to store any step
    /// that read it, so a test running beside this one would see misses it did not cause.
    func makeSysroot(at root: String) throws {
        try Spawn.check("cp", ["-a", Self.real, root], timeout: .seconds(300))
        let fm = FileManager.default
        for entry in try fm.contentsOfDirectory(atPath: root + "/lib") where entry.hasPrefix("libgcc_s.so") {
            try fm.removeItem(atPath: "\(root)/lib/\(entry)")
        }
    }

    @Test func pthreadCancelAndExceptionsFailNamingLibgcc() async throws {
        try Harness.require(["aarch64-linux-gnu-gcc", "aarch64-linux-gnu-g++", "qemu-aarch64", "prlimit"])
        try #require(FileManager.default.fileExists(atPath: Self.real + "/lib/libgcc_s.so.1"), "needs libgcc-s1-arm64-cross")
        let h = try Harness()
        try makeSysroot(at: h.root + "/sysroot")
        try h.write("fixtures/cancel.c", """
            // REQUIRES: threads
            // EXPECT-STDOUT: cancelled
            #include <pthread.h>
            #include <stdio.h>
            #include <unistd.h>
            static void *spin(void *arg) { (void)arg; for (;;) { pause(); } return NULL; }
            int main(void) {
                pthread_t t; void *res;
                pthread_create(&t, NULL, spin, NULL);
                pthread_cancel(t);
                pthread_join(t, &res);
                puts(res == PTHREAD_CANCELED ? "cancelled" : "not cancelled");
                return 0;
            }
            """)
        try h.write("fixtures/throw.cc", """
            // EXPECT-STDOUT: caught
            #include <cstdio>
            int main() { try { throw 1; } catch (int) { std::puts("caught"); } return 0; }
            """)
        let records = try await h.run(matrix: """
            fixtures = "fixtures"
            link = ["shared-libgcc", "static-libgcc"]
            [compilers.gcc]
            cc = "aarch64-linux-gnu-gcc"
            cxx = "aarch64-linux-gnu-g++"
            [targets.aarch64]
            runner = ["qemu-aarch64", "-L", "\(h.root)/sysroot"]
            """)
        #expect(records.count == 4)
        for r in records {
            #expect(r.status == .crash || r.status == .fail, "\(r.id): \(r.status) \(r.reason ?? "")")
            #expect(r.stderr.contains("libgcc_s.so.1"), "\(r.id) stderr: \(r.stderr)")
            #expect(r.notes.contains(where: { $0.contains("libgcc_s.so.1") }), "\(r.id) notes: \(r.notes)")
            // The reason is the loader's or glibc's, not "killed by SIGABRT" or "expected exit 0, got 127".
            #expect(r.reason?.hasPrefix("libgcc_s.so.1 not found") == true, "\(r.id) reason: \(r.reason ?? "")")
        }
    }
}
