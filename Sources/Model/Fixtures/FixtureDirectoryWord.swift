import Foundation

/// `${FIXTURE_DIR}` in CFLAGS, CXXFLAGS, LDFLAGS and LIBS: the absolute directory of the fixture's sources
/// (the fixture's own directory, or the fixtures directory for a single file). Steps run in build
/// directories elsewhere, so a file beside the sources that is not itself a source (a version script, a
/// linker script) is named this way: `LDFLAGS: -Wl,--version-script=${FIXTURE_DIR}/vers.map`.
package enum FixtureDirectoryWord {
    package static let word = "${FIXTURE_DIR}"

    package static func substitute(_ flags: [String], directory: String) -> [String] {
        flags.map { $0.replacingOccurrences(of: word, with: directory) }
    }
}

extension FixtureAnnotations {
    mutating func substituteFixtureDirectory(_ directory: String) {
        cflags = FixtureDirectoryWord.substitute(cflags, directory: directory)
        cxxflags = FixtureDirectoryWord.substitute(cxxflags, directory: directory)
        ldflags = FixtureDirectoryWord.substitute(ldflags, directory: directory)
        libs = FixtureDirectoryWord.substitute(libs, directory: directory)
    }
}
