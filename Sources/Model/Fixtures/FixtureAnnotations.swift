/// What a fixture's comments declare (docs/fixtures.md defines each keyword).
package struct FixtureAnnotations: Sendable, Equatable {
    /// `EXPECT-STDOUT:` lines; nil when stdout is not checked.
    package var expectedStdout: [String]?
    /// `EXPECT-STDOUT[t1,t2]:` lines, replacing the generic ones for those targets.
    package var expectedStdoutByTarget: [String: [String]] = [:]
    package var expectedExit = 0
    /// "SIGABRT" form.
    package var expectedSignal: String?
    package var expectedStderr: [String] = []
    package var requirements: [Requirement] = []
    /// Each entry is one `UNSUPPORTED:` line: all its conditions must match.
    package var unsupported: [[Condition]] = []
    package var cflags: [String] = []
    package var cxxflags: [String] = []
    package var ldflags: [String] = []
    package var libs: [String] = []
    package var elf: [ELFExpectation] = []
    /// Malformed annotations: every cell of the fixture fails with these.
    package var errors: [String] = []

    package init() {}

    package func expectedStdout(target: String) -> [String]? {
        expectedStdoutByTarget[target] ?? expectedStdout
    }

    package var needsThreads: Bool { requirements.contains(.threads) }
}

package enum Requirement: Sendable, Equatable {
    case cxx
    case int128
    case threads
    case targets([String])
    case links([String])
    case compilers([String])
}

/// `target=i686`, `link=static`, `compiler=clang`, `opt=O0`; values may be comma-separated.
package struct Condition: Sendable, Equatable {
    package enum Axis: String, Sendable, CaseIterable {
        case target, link, compiler, opt
    }
    package var axis: Axis
    package var values: [String]
}

package struct ELFExpectation: Sendable, Equatable {
    package enum Kind: String, Sendable {
        case needed = "ELF-NEEDED"
        case notNeeded = "ELF-NOT-NEEDED"
        case interpreter = "ELF-INTERP"
        case isStatic = "ELF-STATIC"
    }
    package var kind: Kind
    package var value: String
    /// nil: every target.
    package var targets: [String]?

    package func applies(to target: String) -> Bool { targets?.contains(target) ?? true }
}
