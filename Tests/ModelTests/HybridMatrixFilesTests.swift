import Foundation
import Testing
@testable import Model

/// matrices/hybrid.toml cannot be decoded before axes exist in the decoder, but its TOML, its axis values
/// and its known-failures file can be checked against each other and the fixtures now.
@Suite struct HybridMatrixFilesTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static func table(_ node: TOMLNode?) -> TOMLTable? {
        if case .table(let t)? = node?.value { return t }
        return nil
    }

    /// axis name → its value names, in axis_order.
    static func axes() throws -> [(name: String, values: [String])] {
        let text = try String(contentsOfFile: repo + "/matrices/hybrid.toml", encoding: .utf8)
        let top = try TOMLParser.parse(text)
        let axes = try #require(table(top["axes"]))
        guard case .array(let order)? = top["axis_order"]?.value else {
            Issue.record("hybrid.toml has no axis_order array")
            return []
        }
        return try order.map { node in
            guard case .string(let name) = node.value else {
                Issue.record("axis_order at \(node.location) holds a non-string")
                return ("", [])
            }
            let axis = try #require(table(axes[name]), "axis_order names '\(name)', which has no [axes.\(name)]")
            let phase = axis["phase"]?.value
            #expect(phase == .string("link") || phase == .string("compile"))
            return (name, axis.keys.filter { $0 != "phase" })
        }
    }

    @Test func axesAreTheIssuesThree() throws {
        let axes = try Self.axes()
        #expect(axes.map(\.name) == ["linker", "rtlib", "cxxlib"])
        #expect(axes.map(\.values) == [["bfd", "lld", "mold"], ["libgcc", "compiler-rt"], ["libstdc++", "libc++"]])
    }

    /// Every entry parses, has a full hybrid cell id (8 parts) whose parts each match a committed fixture or a
    /// value the matrix declares, and gives a reason.
    @Test func knownFailuresNameRealCells() throws {
        let axes = try Self.axes()
        let text = try String(contentsOfFile: Self.repo + "/matrices/hybrid-known-failures.txt", encoding: .utf8)
        let entries = try KnownFailuresParser.parse(text, file: "hybrid-known-failures.txt", today: "2026-12-02")
        #expect(entries.count >= 5)
        let fixtures = Set(try FixtureDiscovery.discover(in: Self.repo + "/fixtures").map(\.name))
        let builtIn: [Set<String>] = [fixtures, ["gcc", "clang"], ["x86_64", "i686", "aarch64"],
                                      ["shared-libgcc", "static-libgcc", "static"], ["O2"]]
        let allowed = builtIn + axes.map { Set($0.values) }
        for entry in entries {
            let parts = entry.pattern.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            #expect(parts.count == 8, "\(entry.location): '\(entry.pattern)' is not fixture/compiler/target/link/opt/linker/rtlib/cxxlib")
            // A part is a value of its axis, or a glob that matches at least one.
            for (part, values) in zip(parts, allowed) {
                #expect(values.contains { Glob.matches(Array(part), Array($0)) }, "\(entry.location): '\(part)' matches no value of the matrix")
            }
            #expect(!entry.reason.isEmpty)
        }
    }
}
