import Foundation
import Testing
@testable import Model

@Suite struct FixtureDirectoryWordTests {
    /// `${FIXTURE_DIR}` becomes the absolute directory of the fixture's sources, in every flag keyword.
    @Test func substitutedInFlagsOfFileAndDirectoryFixtures() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("fdw-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/versioned", withIntermediateDirectories: true)
        try """
            // LDFLAGS: -Wl,--version-script=${FIXTURE_DIR}/v.map
            // CFLAGS: -I${FIXTURE_DIR}/include -DX
            // CXXFLAGS: -include${FIXTURE_DIR}/p.h
            // LIBS: ${FIXTURE_DIR}/extra.a
            int main(void) { return 0; }
            """.write(toFile: root + "/versioned/main.c", atomically: true, encoding: .utf8)
        try "// LDFLAGS: -Wl,-T,${FIXTURE_DIR}/single.ld\nint main(void) { return 0; }\n"
            .write(toFile: root + "/single.c", atomically: true, encoding: .utf8)
        let fixtures = try FixtureDiscovery.discover(in: root)
        let dir = try #require(fixtures.first { $0.name == "versioned" }).annotations
        let real = URL(fileURLWithPath: root).standardizedFileURL.path
        #expect(dir.ldflags == ["-Wl,--version-script=\(real)/versioned/v.map"])
        #expect(dir.cflags == ["-I\(real)/versioned/include", "-DX"])
        #expect(dir.cxxflags == ["-include\(real)/versioned/p.h"])
        #expect(dir.libs == ["\(real)/versioned/extra.a"])
        let single = try #require(fixtures.first { $0.name == "single" }).annotations
        #expect(single.ldflags == ["-Wl,-T,\(real)/single.ld"])
    }

    /// The committed versioned-library fixture names a version script that exists.
    @Test func symverFixtureNamesItsVersionScript() throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let fixture = try #require(try FixtureDiscovery.discover(in: repo + "/fixtures").first { $0.name == "symver-dso" })
        let flag = try #require(fixture.annotations.ldflags.first { $0.hasPrefix("-Wl,--version-script=") })
        let path = String(flag.dropFirst("-Wl,--version-script=".count))
        #expect(path.hasPrefix("/") && !path.contains("${"))
        #expect(FileManager.default.fileExists(atPath: path))
    }
}
