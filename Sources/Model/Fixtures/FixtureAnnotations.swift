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
    /// `REQUIRES: rtlib=compiler-rt`: one of these values of a declared axis.
    case axisValues(String, [String])
    /// `REQUIRES: lld`: a bare word is a feature some axis value of the cell must provide.
    case feature(String)
}

/// `target=i686`, `link=static`, `compiler=clang`, `opt=O0`, a declared axis (`rtlib=compiler-rt`);
/// values may be comma-separated. A bare word is a feature (`axis` is "feature").
package struct Condition: Sendable, Equatable {
    package enum Axis: String, Sendable, CaseIterable {
        case target, link, compiler, opt
    }
    /// A built-in axis, a declared one's name, or "feature".
    package var name: String
    package var values: [String]

    package init(axis: Axis, values: [String]) {
        name = axis.rawValue
        self.values = values
    }

    package init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }

    package var axis: Axis? { Axis(rawValue: name) }
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
