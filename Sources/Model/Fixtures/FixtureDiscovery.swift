import Foundation

/// Finds the fixtures of a directory: each C/C++ file at its top level, and each sub-directory with sources.
package enum FixtureDiscovery {
    package struct Failure: Error, CustomStringConvertible {
        package var path: String
        package var message: String
        package var description: String { "\(path): error: \(message)" }
    }

    package static func discover(in directory: String) throws(Failure) -> [Fixture] {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            throw Failure(path: directory, message: "the fixtures directory does not exist")
        }
        let root = URL(fileURLWithPath: directory).standardizedFileURL.path
        let entries = ((try? fm.contentsOfDirectory(atPath: root)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        var fixtures: [Fixture] = []
        var usedNames = Set<String>()
        for entry in entries {
            let path = root + "/" + entry
            var entryIsDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &entryIsDir) else { continue }
            let fixture: Fixture?
            if entryIsDir.boolValue {
                fixture = directoryFixture(path: path, name: entry)
            } else if FixtureSource.isSource(entry) {
                let stem = String(entry[..<(entry.lastIndex(of: ".") ?? entry.endIndex)])
                fixture = load(name: usedNames.contains(stem) ? entry : stem, path: path, isDirectory: false, files: [entry], dir: root)
            } else {
                fixture = nil
            }
            if let fixture {
                usedNames.insert(fixture.name)
                fixtures.append(fixture)
            }
        }
        return fixtures
    }

    private static func directoryFixture(path: String, name: String) -> Fixture? {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
            .filter { !$0.hasPrefix(".") && FixtureSource.isSource($0) }.sorted()
        guard !files.isEmpty else { return nil }
        return load(name: name, path: path, isDirectory: true, files: files, dir: path)
    }

    private static func load(name: String, path: String, isDirectory: Bool, files: [String], dir: String) -> Fixture {
        var texts: [(name: String, text: String)] = []
        var readErrors: [String] = []
        for f in files {
            if let data = FileManager.default.contents(atPath: dir + "/" + f) {
                texts.append((f, String(decoding: data, as: UTF8.self)))
            } else {
                readErrors.append("\(dir)/\(f): error: cannot read the source")
            }
        }
        let mains = Set(files.filter { $0.hasPrefix("main.") })
        var (annotations, perSource) = AnnotationParser.parse(texts, expectationsFrom: mains.isEmpty ? nil : mains)
        annotations.errors = readErrors + annotations.errors.map { isDirectory ? "\(name)/\($0)" : $0 }
        annotations.substituteFixtureDirectory(dir)
        let sources = files.map { f in
            FixtureSource(
                path: dir + "/" + f, fileName: f, sharedLibrary: perSource[f]?.sharedLibrary, buildWith: perSource[f]?.buildWith)
        }
        return Fixture(name: name, path: path, isDirectory: isDirectory, sources: sources, annotations: annotations)
    }
}
