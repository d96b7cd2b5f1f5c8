import Foundation
import Testing

@testable import ELFInspection

@Suite("system files against readelf", .blocking)
struct SystemFilesTests {
    @Test("every sampled directory has ELF files")
    func directoriesHaveFiles() {
        for dir in SystemFiles.directories {
            #expect(!SystemFiles.elfFiles(in: dir).isEmpty, "no ELF files in \(dir): is the package that fills it installed?")
        }
    }

    @Test("class, machine, type, interpreter, needed, soname, rpath, runpath, build_id", arguments: SystemFiles.sample())
    func matchesReadelf(_ path: String) throws {
        let f = try facts(path)
        let r = try ReadelfView(path: path)
        expectMatchesReadelf(f, r)
        expectDerivedMatch(f, r)
        for (name, verdict) in f.hardening.all {
            #expect(verdict.hasEvidence, "\(name) of \(path) has no evidence")
        }
        let versions = try Readelf.versionNeeds(path)
        #expect(f.versionNeeds.entries.map(\.library) == versions.map(\.0), "version_needs libraries of \(path)")
        #expect(f.glibcMax == expectedGlibcMax(versions.flatMap(\.1)), "glibc_max of \(path)")
    }

    @Test("the sample covers all three machines")
    func sampleCoversMachines() throws {
        let machines = Set(SystemFiles.sample().compactMap { path -> String? in
            if case .facts(let f) = ELFInspector.inspect(path: path) { return f.machine }
            return nil
        })
        #expect(machines.isSuperset(of: ["x86_64", "i386", "aarch64"]), "\(machines)")
    }

    @Test("inspect(paths:jobs:) answers in input order, the same as one at a time", arguments: [1, 2, 7])
    func parallelKeepsOrder(_ jobs: Int) {
        let paths = SystemFiles.sample(perDirectory: 6) + ["/nonexistent/toolgate-missing", "/usr/bin"]
        let together = ELFInspector.inspect(paths: paths, jobs: jobs)
        #expect(together.map(\.path) == paths)
        let oneByOne = paths.map { ELFInspector.inspect(path: $0) }
        #expect(together == oneByOne)
    }
}

@Suite("every system file")
struct AllSystemFilesTests {
    @Test("every ELF file at the top of the four system directories: read without warnings; parallel equals one at a time")
    func all() {
        let files = SystemFiles.directories.flatMap { SystemFiles.elfFiles(in: $0) }
        #expect(files.count > 200)
        let together = ELFInspector.inspect(paths: files, jobs: 4)
        var refused: [String] = []
        var warned: [String] = []
        for (path, result) in zip(files, together) {
            switch result {
            case .failure(_, let error): refused.append("\(error)")
            case .facts(let f): if !f.warnings.isEmpty { warned.append("\(path): \(f.warnings)") }
            }
            #expect(result == ELFInspector.inspect(path: path), "\(path)")
        }
        #expect(refused.isEmpty, "\(refused.prefix(5))")
        #expect(warned.isEmpty, "\(warned.prefix(5))")
    }
}
