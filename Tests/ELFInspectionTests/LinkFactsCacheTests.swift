import Dispatch
import Foundation
import Synchronization
import Testing

@testable import ELFInspection

/// The cache a run shares between cells: a library rebuilt in place is read again (the key holds its
/// size, mtime and inode), and many threads resolving at once get what one thread gets.
@Suite(.timeLimit(.minutes(3)), .blocking) struct LinkFactsCacheTests {
    @Test func aLibraryRebuiltInPlaceIsReadAgain() throws {
        let s = try Scratch()
        try s.write("two.map", "LIBX_1.0 { global: x1; local: *; };\nLIBX_2.0 { global: x2; } LIBX_1.0;\n")
        try s.write("one.map", "LIBX_1.0 { global: x1; local: *; };\n")
        let libFlags = ["-shared", "-fPIC", "-Wl,-soname,libx.so"]
        try s.build(.gcc(), "int x1(void) { return 1; }\nint x2(void) { return 2; }\n",
                    flags: libFlags + ["-Wl,--version-script=two.map"], output: "libx.so", sourceName: "two.c")
        let prog = try s.build(.gcc(), "int x1(void);\nint x2(void);\nint main(void) { return x1() + x2(); }\n",
                               flags: ["-Wl,--no-as-needed", "-L\(s.path)", "-lx", "-Wl,-rpath,$ORIGIN"], output: "prog")
        let cache = LinkFactsCache()
        let first = try LibraryResolver.resolve(prog, cache: cache).get()
        #expect(first.problems.isEmpty, "\(first.problems)")

        // The same path, a build with LIBX_1.0 only: the cached facts of the old file must not answer.
        try FileManager.default.removeItem(atPath: s.path("libx.so"))
        try s.build(.gcc(), "int x1(void) { return 1; }\n",
                    flags: libFlags + ["-Wl,--version-script=one.map"], output: "libx.so", sourceName: "one.c")
        let second = try LibraryResolver.resolve(prog, cache: cache).get()
        #expect(second.problems.map(\.message).contains("LIBX_2.0 needed by prog; libx.so defines up to LIBX_1.0"),
                "\(second.problems)")
    }

    @Test func threadsSharingTheCacheAgreeWithOneThread() throws {
        let files = ["/usr/bin/ls", "/usr/bin/gcc", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/bin/perl"]
            .filter { FileManager.default.fileExists(atPath: $0) }
        #expect(files.count >= 3)
        let alone = try files.map { try LibraryResolver.resolve($0).get() }
        let cache = LinkFactsCache()
        let results = Mutex<[Int: Resolution]>([:])
        DispatchQueue.concurrentPerform(iterations: 32) { i in
            if let r = try? LibraryResolver.resolve(files[i % files.count], cache: cache).get() {
                results.withLock { $0[i] = r }
            }
        }
        let shared = results.withLock { $0 }
        #expect(shared.count == 32)
        for (i, r) in shared { #expect(r == alone[i % files.count], "\(files[i % files.count]) differs") }
    }
}
