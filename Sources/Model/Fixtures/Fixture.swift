/// A fixture: one source file, or a directory of sources (with shared libraries it builds).
package struct Fixture: Sendable, Equatable {
    package var name: String
    /// The file or directory, absolute.
    package var path: String
    package var isDirectory: Bool
    package var sources: [FixtureSource]
    package var annotations: FixtureAnnotations
    /// A generated program (`run --generate csmith`): its seed and cache key; nil for fixtures on disk.
    package var generated: GeneratedProgram? = nil

    package init(name: String, path: String, isDirectory: Bool, sources: [FixtureSource], annotations: FixtureAnnotations) {
        self.name = name
        self.path = path
        self.isDirectory = isDirectory
        self.sources = sources
        self.annotations = annotations
    }

    /// C++ when any source is C++: the program links with the C++ driver.
    package var isCxx: Bool { sources.contains(where: \.isCxx) }
    package var programSources: [FixtureSource] { sources.filter { $0.sharedLibrary == nil } }
    package var linkedLibraries: [String] { libraryNames(dlopen: false) }
    package var dlopenLibraries: [String] { libraryNames(dlopen: true) }

    /// Library names in first-seen order; several sources may make one library.
    private func libraryNames(dlopen: Bool) -> [String] {
        var names: [String] = []
        for s in sources {
            if let lib = s.sharedLibrary, lib.dlopen == dlopen, !names.contains(lib.name) { names.append(lib.name) }
        }
        return names
    }
}

package struct FixtureSource: Sendable, Equatable {
    package struct SharedLibrary: Sendable, Equatable {
        package var name: String
        /// Built but not linked: the program dlopens `./libNAME.so` from its working directory.
        package var dlopen: Bool
    }

    /// Absolute path.
    package var path: String
    package var fileName: String
    package var sharedLibrary: SharedLibrary?
    /// `BUILD-WITH: gcc`: compiled by that compiler of the matrix instead of the cell's.
    package var buildWith: String?

    package static let cExtensions = ["c"]
    package static let cxxExtensions = ["cc", "cpp", "cxx", "C"]

    package var isCxx: Bool {
        Self.cxxExtensions.contains(String(fileName.split(separator: ".").last ?? ""))
    }

    package static func isSource(_ fileName: String) -> Bool {
        guard fileName.contains("."), let ext = fileName.split(separator: ".").last else { return false }
        return (cExtensions + cxxExtensions).contains(String(ext))
    }
}
