import Foundation
import Testing

@testable import ELFInspection

/// `toolgate inspect` end to end: the built executable, its JSON, its table and its exit status.
@Suite("toolgate inspect", .blocking)
struct InspectCommandTests {
    /// The fields every facts object must have (the issue's definitions plus the documented additions).
    static let factKeys: Set<String> = [
        "path", "class", "machine", "type", "interpreter", "needed", "soname", "rpath", "runpath", "pie",
        "static", "bind_now", "relro", "nx_stack", "textrel", "build_id", "version_needs", "glibc_max",
        "hardening", "libgcc", "comment", "debug", "compressed_sections", "sizes", "warnings",
    ]

    @Test("--json: one array in input order; a bad path gives {path, error} in its place; exit 2")
    func jsonWithFailures() throws {
        let dir = try TempDir()
        let hello = try ToolgateBinary.compileHello(into: dir.url, name: "hello")
        let text = dir.path("notes.txt")
        try "not an elf\n".write(toFile: text, atomically: true, encoding: .utf8)
        let missing = dir.path("missing")
        let inputs = [hello, missing, "/usr/bin/true", dir.url.path, text, hello]
        let run = try ToolgateBinary.run(["inspect", "--json"] + inputs)
        #expect(!run.timedOut)
        #expect(run.status == 2, "exit 2 when any input could not be read")
        let array = try jsonArray(run.stdout)
        #expect(array.count == inputs.count)
        #expect(array.map { $0["path"] as? String } == inputs)
        for (i, object) in array.enumerated() {
            let bad = [1, 3, 4].contains(i)
            if bad {
                #expect(Set(object.keys) == ["path", "error"], "entry \(i): \(object.keys)")
                let error = try #require(object["error"] as? String)
                #expect(!error.isEmpty)
                #expect(error.contains(inputs[i]), "the message names the path: \(error)")
            } else {
                #expect(Set(object.keys).isSuperset(of: Self.factKeys), "missing: \(Self.factKeys.subtracting(object.keys))")
                #expect(object["error"] == nil)
            }
        }
        // Each failure is also told on stderr, naming the path.
        for i in [1, 3, 4] { #expect(run.stderr.contains(inputs[i])) }
    }

    @Test("--json: exit 0 when every input was read, nothing on stderr")
    func jsonAllGood() throws {
        let dir = try TempDir()
        let a = try ToolgateBinary.compileHello(into: dir.url, name: "a")
        let b = try ToolgateBinary.compileHello(into: dir.url, name: "b", flags: ["-static"])
        let run = try ToolgateBinary.run(["inspect", "--json", b, a, "/usr/lib/x86_64-linux-gnu/libc.so.6"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stderr.isEmpty)
        let array = try jsonArray(run.stdout)
        #expect(array.map { $0["path"] as? String } == [b, a, "/usr/lib/x86_64-linux-gnu/libc.so.6"])
        // null, not a missing key, for the static program's interpreter and the libraries' absent fields.
        #expect(array[0]["interpreter"] is NSNull)
        #expect(array[0]["static"] as? Bool == true)
        #expect(array[1]["interpreter"] as? String == "/lib64/ld-linux-x86-64.so.2")
        #expect(array[2]["soname"] as? String == "libc.so.6")
        #expect(array[1]["soname"] is NSNull)
        for object in array {
            let hardening = try #require(object["hardening"] as? [String: Any])
            #expect(Set(hardening.keys) == ["canary", "fortify", "cet_ibt", "cet_shstk", "bti", "pac"])
            for (name, value) in hardening {
                let verdict = try #require(value as? [String: Any], "\(name)")
                #expect(["yes", "no", "unknown"].contains(verdict["state"] as? String ?? ""), "\(name)")
                #expect(!(verdict["evidence"] as? String ?? "").isEmpty, "\(name) evidence")
            }
            let sizes = try #require(object["sizes"] as? [String: Any])
            #expect(Set(sizes.keys).isSuperset(of: ["file", "code", "data", "bss"]))
            let debug = try #require(object["debug"] as? [String: Any])
            #expect(Set(debug.keys).isSuperset(of: ["producers", "languages", "dwarf_versions", "unavailable"]))
            #expect(["rel", "exec", "dyn", "core", "other"].contains(object["type"] as? String ?? ""))
            #expect(["none", "partial", "full"].contains(object["relro"] as? String ?? ""))
            #expect(["shared", "static", "none", "unknown"].contains(object["libgcc"] as? String ?? ""))
            #expect([32, 64].contains(object["class"] as? Int ?? 0))
            #expect(object["version_needs"] is [String: Any])
        }
    }

    @Test("--json agrees with the library's facts, field for field")
    func jsonMatchesLibrary() throws {
        let inputs = ["/usr/bin/true", "/usr/lib/x86_64-linux-gnu/libc.so.6", "/usr/aarch64-linux-gnu/lib/libc.so.6"]
        let run = try ToolgateBinary.run(["inspect", "--json"] + inputs)
        #expect(run.status == 0)
        let decoded = try JSONDecoder().decode([ELFFacts].self, from: Data(run.stdout.utf8))
        for (i, path) in inputs.enumerated() {
            guard case .facts(var expected) = ELFInspector.inspect(path: path) else {
                Issue.record("the library refused \(path)")
                continue
            }
            var got = decoded[i]
            // JSON objects carry no key order; VersionNeeds decodes sorted. Compare it as a dictionary.
            #expect(Dictionary(uniqueKeysWithValues: got.versionNeeds.entries.map { ($0.library, $0.versions) })
                == Dictionary(uniqueKeysWithValues: expected.versionNeeds.entries.map { ($0.library, $0.versions) }))
            got.versionNeeds = VersionNeeds()
            expected.versionNeeds = VersionNeeds()
            #expect(got == expected, "\(path)")
        }
    }

    @Test("the table: something for every file, the failures named, exit 2")
    func humanOutput() throws {
        let dir = try TempDir()
        let hello = try ToolgateBinary.compileHello(into: dir.url, name: "hello-table")
        let missing = dir.path("no-such-file")
        let run = try ToolgateBinary.run(["inspect", hello, "/usr/lib32/libc.so.6", missing])
        #expect(run.status == 2)
        #expect(!run.stdout.isEmpty)
        for path in [hello, "/usr/lib32/libc.so.6", missing] {
            #expect(run.stdout.contains(path), "the table names \(path)")
        }
        // The table says the machine of each file read.
        #expect(run.stdout.contains("x86_64"))
        #expect(run.stdout.contains("i386"))
        #expect(run.stderr.contains(missing))

        let good = try ToolgateBinary.run(["inspect", hello])
        #expect(good.status == 0)
        #expect(good.stdout.split(separator: "\n").count >= 3, "a compact table, not one word")
    }

    @Test("non-regular inputs: a FIFO, a directory, /dev/null are refused without hanging")
    func nonRegular() throws {
        let dir = try TempDir()
        let fifo = dir.path("fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let run = try ToolgateBinary.run(["inspect", "--json", fifo, dir.url.path, "/dev/null"], timeout: 20)
        #expect(!run.timedOut, "inspect hung on a FIFO")
        #expect(run.status == 2)
        let array = try jsonArray(run.stdout)
        #expect(array.count == 3)
        for object in array { #expect(object["error"] is String) }
    }

    @Test("paths with quotes, backslashes, newlines and non-ASCII survive the JSON")
    func awkwardPaths() throws {
        let dir = try TempDir()
        let names = ["quote\"d", "back\\slash", "new\nline", "ünïcødé ✓", "tab\there"]
        var paths: [String] = []
        for name in names {
            let path = dir.path(name)
            try FileManager.default.copyItem(atPath: "/usr/bin/true", toPath: path)
            paths.append(path)
        }
        let run = try ToolgateBinary.run(["inspect", "--json"] + paths + [dir.path("missing \"one\"")])
        #expect(run.status == 2)
        let array = try jsonArray(run.stdout)
        #expect(array.compactMap { $0["path"] as? String } == paths + [dir.path("missing \"one\"")])
    }

    @Test("usage errors keep the argument parser's code", arguments: [
        ["inspect"], ["inspect", "--jobs", "0", "/usr/bin/true"], ["inspect", "--no-such-flag", "/usr/bin/true"],
    ])
    func usage(_ arguments: [String]) throws {
        let run = try ToolgateBinary.run(arguments)
        #expect(run.status == 64, "EX_USAGE from swift-argument-parser; stderr: \(run.stderr)")
        #expect(!run.stderr.isEmpty)
    }

    @Test("many files at once: the whole of /usr/lib32 in order")
    func many() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: "/usr/lib32").sorted().map { "/usr/lib32/" + $0 }
        #expect(files.count > 10)
        let run = try ToolgateBinary.run(["inspect", "--json"] + files)
        let array = try jsonArray(run.stdout)
        #expect(array.map { $0["path"] as? String } == files)
        let failures = array.filter { $0["error"] != nil }.count
        #expect(run.status == (failures == 0 ? 0 : 2))
    }
}
