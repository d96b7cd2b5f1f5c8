import Foundation
import Testing

/// The staging root scripts/make-staging-root.sh builds from Debian's packages (amd64, i386, arm64),
/// made once per machine in the temporary directory; the .debs stay in ~/.cache/toolgate/debs.
enum StagingRoot {
    static let repo = Repository.root.path
    static let path = FileManager.default.temporaryDirectory.path + "/toolgate-staging-root-amd64-i386-arm64"

    /// The root, built (minutes the first time, then nothing) with the real packages.
    static func make() throws -> String {
        if FileManager.default.fileExists(atPath: path + "/lib64/ld-linux-x86-64.so.2") { return path }
        // Minutes the first time (it downloads the .debs), so a generous limit; the error carries its stderr.
        try Spawn.check(
            "sh", [repo + "/scripts/make-staging-root.sh", path, "--arch", "amd64", "--arch", "i386", "--arch", "arm64"],
            timeout: .seconds(1800))
        try #require(FileManager.default.fileExists(atPath: path + "/lib64/ld-linux-x86-64.so.2"), "no loader in \(path)")
        return path
    }

    /// A copy of the root made of hard links (cheap; deleting a name in it leaves the original whole).
    static func mutant(of root: String, at copy: String, removing names: [String]) throws {
        try Spawn.check("cp", ["-al", root, copy], timeout: .seconds(300))
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: copy) else { return }
        var doomed: [String] = []
        while let relative = walker.nextObject() as? String {
            if names.contains((relative as NSString).lastPathComponent) { doomed.append(copy + "/" + relative) }
        }
        try #require(!doomed.isEmpty, "none of \(names) in \(copy)")
        for d in doomed { try fm.removeItem(atPath: d) }
    }

    /// Copies fixtures of the repository into a harness.
    static func copyFixtures(_ names: [String], into h: Harness) throws {
        for n in names {
            try FileManager.default.copyItem(atPath: repo + "/fixtures/" + n, toPath: h.root + "/fixtures/" + n)
        }
    }
}
