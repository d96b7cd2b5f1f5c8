import Foundation
import Testing

/// The issue's "Resolution against a reference": `resolve --json` agrees with the real loader's own
/// answer (`ld.so --list FILE`, the host's root) on a sample of system files: the same set of
/// name → file (paths compared after realpath), "not found" included.
@Suite("Resolution against a reference", .serialized, .timeLimit(.minutes(4)), .blocking)
struct ResolveReferenceTests {
    /// About `count` dynamic ELF files of `machine` (e_machine) from `directories`, evenly spaced through
    /// each sorted listing, so the sample is the same from run to run.
    static func sample(_ directories: [String], machine: UInt16, count: Int) -> [String] {
        directories.flatMap { dir -> [String] in
            let all = SystemFiles.elfFiles(in: dir).filter { path in
                let name = (path as NSString).lastPathComponent
                guard !name.hasPrefix("ld-"), let h = FileHandle(forReadingAtPath: path) else { return false }
                defer { try? h.close() }
                let head = [UInt8]((try? h.read(upToCount: 20)) ?? Data())
                return head.count == 20 && UInt16(head[18]) | UInt16(head[19]) << 8 == machine
            }
            let per = count / directories.count
            guard all.count > per else { return all }
            let step = Double(all.count) / Double(per)
            return (0..<per).map { all[Int(Double($0) * step)] }
        }
    }

    static func real(_ path: String) -> String { URL(fileURLWithPath: path).resolvingSymlinksInPath().path }

    /// `ld.so --list` lines as name → realpath ("not found" kept); the loader's own line is "<interpreter>".
    static func loaderAnswer(_ stdout: String) -> [String: String] {
        var out: [String: String] = [:]
        for raw in stdout.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if let arrow = line.range(of: " => ") {
                let name = String(line[..<arrow.lowerBound])
                let rest = line[arrow.upperBound...]
                if rest.hasPrefix("not found") { out[name] = "not found"; continue }
                let path = rest.split(separator: " ").first.map(String.init) ?? ""
                out[name] = real(path)
            } else if let first = line.split(separator: " ").first, first.hasPrefix("/") {
                out["<interpreter>"] = real(String(first))
            }
        }
        return out
    }

    /// The same from one element of `resolve --json`. ld.so lists itself only where an object needs it
    /// (by its soname, the last part of its path), so the interpreter counts only then.
    static func resolveAnswer(_ element: [String: Any]) -> [String: String] {
        var out: [String: String] = [:]
        let objects = (element["objects"] as? [[String: Any]]) ?? []
        let needed = Set(objects.flatMap { ($0["needed"] as? [String]) ?? [] })
        for o in objects {
            guard let via = o["via"] as? String, via != "input", let name = o["name"] as? String,
                  let host = o["host_path"] as? String else { continue }
            if via == "interpreter" {
                if needed.contains((name as NSString).lastPathComponent) { out["<interpreter>"] = real(host) }
            } else {
                out[name] = real(host)
            }
        }
        for o in objects {
            for missing in (o["missing"] as? [String]) ?? [] { out[missing] = "not found" }
        }
        return out
    }

    func compare(files: [String], loader: String, minimum: Int) throws {
        var listed: [(String, [String: String])] = []
        for file in files {
            let out = try Spawn.run(loader, ["--list", file], timeout: .seconds(30))
            // A file the loader itself cannot list (a static one, one that is not loadable) is no reference.
            guard out.succeeded else { continue }
            listed.append((file, Self.loaderAnswer(out.stdout)))
        }
        #expect(listed.count >= minimum, "only \(listed.count) of \(files.count) files could be listed by \(loader)")
        let (run, array) = try ResolveSupport.resolveJSON(listed.map(\.0))
        #expect(run.status == 0, "resolve found problems the loader did not: \(run.stdout.prefix(2000))")
        #expect(array.count == listed.count)
        for ((file, expected), element) in zip(listed, array) {
            #expect(element["file"] as? String == file)
            let got = Self.resolveAnswer(element)
            #expect(got == expected, "\(file): resolve \(got.sorted { $0.key < $1.key }) vs ld.so \(expected.sorted { $0.key < $1.key })")
        }
    }

    @Test func x86_64FilesAgreeWithTheHostLoader() throws {
        let files = Self.sample(["/usr/bin", "/usr/lib/x86_64-linux-gnu"], machine: 62, count: 30)
        #expect(files.count >= 25)
        try compare(files: files, loader: "/lib64/ld-linux-x86-64.so.2", minimum: 25)
    }

    /// A root as the root: the aarch64 loader of /usr/aarch64-linux-gnu, run by qemu-user with that
    /// directory as its -L, lists the root's own libraries; paths are compared as the loader prints them,
    /// inside the root (the loader run as a program names itself by the path it was started as, so the
    /// interpreter is compared by its file name).
    @Test func aarch64FilesAgreeWithTheRootsLoaderUnderQemu() throws {
        let root = "/usr/aarch64-linux-gnu"
        guard FileManager.default.fileExists(atPath: root + "/lib/ld-linux-aarch64.so.1"), Spawn.which("qemu-aarch64") != nil else {
            Issue.record("needs qemu-user and libc6-arm64-cross (scripts/install-deps.sh)")
            return
        }
        let files = Self.sample([root + "/lib"], machine: 183, count: 20)
        #expect(files.count >= 10)
        var listed: [(String, [String: String])] = []
        for file in files {
            let out = try Spawn.run("qemu-aarch64", ["-L", root, root + "/lib/ld-linux-aarch64.so.1", "--list", file],
                                    timeout: .seconds(60))
            guard out.succeeded else { continue }
            var answer: [String: String] = [:]
            for raw in out.stdout.split(separator: "\n") {
                let line = raw.trimmingCharacters(in: .whitespaces)
                let first = line.split(separator: " ").first.map(String.init) ?? ""
                if first.hasPrefix("/") {
                    answer["<interpreter>"] = (first as NSString).lastPathComponent
                } else if let arrow = line.range(of: " => ") {
                    let rest = line[arrow.upperBound...]
                    answer[first] = rest.hasPrefix("not found") ? "not found" : rest.split(separator: " ").first.map(String.init) ?? ""
                }
            }
            listed.append((file, answer))
        }
        #expect(listed.count >= 10)
        let (run, array) = try ResolveSupport.resolveJSON(["--sysroot", root] + listed.map(\.0))
        #expect(run.status == 0, "\(run.stdout.prefix(2000))")
        for ((file, expected), element) in zip(listed, array) {
            var got: [String: String] = [:]
            let objects = (element["objects"] as? [[String: Any]]) ?? []
            let needed = Set(objects.flatMap { ($0["needed"] as? [String]) ?? [] })
            for o in objects {
                guard let via = o["via"] as? String, via != "input", let name = o["name"] as? String,
                      let path = o["path"] as? String else { continue }
                if via == "interpreter" {
                    let base = (name as NSString).lastPathComponent
                    if needed.contains(base) { got["<interpreter>"] = base }
                } else {
                    got[name] = path
                }
            }
            for o in objects { for m in (o["missing"] as? [String]) ?? [] { got[m] = "not found" } }
            #expect(got == expected, "\(file): resolve \(got) vs ld.so \(expected)")
        }
    }

    @Test func i386FilesAgreeWithTheHostsI386Loader() throws {
        guard FileManager.default.fileExists(atPath: "/lib/ld-linux.so.2") else {
            Issue.record("no i386 loader at /lib/ld-linux.so.2: gcc-12-multilib (scripts/install-deps.sh) brings it")
            return
        }
        let files = Self.sample(["/usr/lib32"], machine: 3, count: 12)
        #expect(files.count >= 5)
        try compare(files: files, loader: "/lib/ld-linux.so.2", minimum: 5)
    }
}
