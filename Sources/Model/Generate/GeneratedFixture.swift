extension Fixture {
    /// A generated program as a fixture: one C file, no annotations of its own (its verdict comes from the
    /// other cells' checksums), compiled with `cflags`.
    package static func generated(_ program: GeneratedProgram, name: String, path: String, cflags: [String]) -> Fixture {
        var annotations = FixtureAnnotations()
        annotations.cflags = cflags
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        let source = FixtureSource(path: path, fileName: fileName, sharedLibrary: nil, buildWith: nil)
        var fixture = Fixture(name: name, path: path, isDirectory: false, sources: [source], annotations: annotations)
        fixture.generated = program
        return fixture
    }
}
