import Foundation
import Testing
@testable import Execution
@testable import Model

/// clang loads configuration files (clang.cfg beside its resolved file, in a staged toolchain often the
/// place of --rtlib=compiler-rt or -fuse-ld=lld): what they say is part of every command, so the cache
/// identity holds their contents, and the answers kept between runs notice a file added beside the driver.
@Suite("clang configuration files in the tool identity", .timeLimit(.minutes(2)))
struct ToolIdentityConfigTests {
    @Test func aConfigurationFileAddedOrEditedChangesTheIdentity() async throws {
        let clang = try #require(ExecutableLookup.resolve("clang-19"), "this test needs clang-19")
        let scratch = try TempDir()
        let dir = scratch.path
        try FileManager.default.createDirectory(atPath: dir + "/bin", withIntermediateDirectories: true)
        // A real clang-19, copied: its configuration files are looked for beside this file.
        try FileManager.default.copyItem(atPath: URL(fileURLWithPath: clang).resolvingSymlinksInPath().path, toPath: dir + "/bin/clang-19")
        let driver = dir + "/bin/clang-19"
        let config = dir + "/bin/clang.cfg"
        // Each call a new run's ToolIdentities; the store of kept answers lasts from one to the next.
        func identity() async throws -> String {
            let ids = ToolIdentities(probeDir: dir + "/probes", store: ToolAnswerStore(directory: dir + "/tools"))
            return try #require(await ids.identity(of: [driver, "-O2", "-c", "a.c"]))
        }
        let plain = try await identity()
        #expect(!plain.contains("config "), "\(plain)")
        #expect(try await identity() == plain)

        try "-O2\n".write(toFile: config, atomically: false, encoding: .utf8)
        let configured = try await identity()
        #expect(configured != plain, "a kept answer hid the new clang.cfg")
        #expect(configured.contains("config \(config) "), "\(configured)")

        // Edited in place to the same size, its mtime put back: the contents still tell.
        let mtime = try #require(try FileManager.default.attributesOfItem(atPath: config)[.modificationDate] as? Date)
        try "-O3\n".write(toFile: config, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: mtime], ofItemAtPath: config)
        let edited = try await identity()
        #expect(edited != configured)
        #expect(try await identity() == edited)

        try FileManager.default.removeItem(atPath: config)
        #expect(try await identity() == plain)
    }

    @Test func theConfigurationFilesAreReadFromClangsVersion() {
        let version = """
            Debian clang version 19.1.7 (3~deb12u1)
            Target: x86_64-pc-linux-gnu
            Thread model: posix
            InstalledDir: /usr/lib/llvm-19/bin
            Configuration file: /usr/lib/llvm-19/bin/clang.cfg
            Configuration file: /etc/clang/x86_64-pc-linux-gnu-clang.cfg
            """
        #expect(ToolIdentities.configurationFiles(in: version) == ["/usr/lib/llvm-19/bin/clang.cfg", "/etc/clang/x86_64-pc-linux-gnu-clang.cfg"])
        #expect(ToolIdentities.configurationFiles(in: "gcc (Debian 12.2.0-14) 12.2.0") == [])
    }
}
