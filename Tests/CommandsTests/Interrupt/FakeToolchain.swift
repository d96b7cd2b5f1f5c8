import Foundation

/// A matrix whose compiler is a shell script around gcc that can be slow on purpose, and says where it
/// is by touching a file, so a test signals toolgate exactly while a step is in flight:
/// `probing` (its `--version` sleeps), `compiling` (it wrote half of its `-o` output and sleeps),
/// `running` (the fixture `sleepy` started and sleeps).
struct FakeToolchain {
    let dir: TempDir
    var out: String { dir.path("out") }
    var matrix: String { dir.path("matrix.toml") }

    init(slowVersion: Bool = false, slowCompile: Bool = false) throws {
        for tool in ["gcc", "prlimit"] { _ = try Spawn.require(tool) }
        dir = try TempDir()
        let fm = FileManager.default
        let state = dir.path("state")
        try fm.createDirectory(atPath: state, withIntermediateDirectories: true)
        try fm.createDirectory(atPath: dir.path("fixtures"), withIntermediateDirectories: true)
        if slowVersion { try "".write(toFile: state + "/slow-version", atomically: true, encoding: .utf8) }
        if slowCompile { try "".write(toFile: state + "/slow-compile", atomically: true, encoding: .utf8) }
        let script = """
            #!/bin/sh
            state='\(state)'
            if [ "$1" = --version ]; then
                if [ -e "$state/slow-version" ]; then touch "$state/probing"; sleep 30; fi
                echo "fake-cc 1.0"
                exit 0
            fi
            out=""
            prev=""
            for a in "$@"; do
                if [ "$prev" = "-o" ]; then out="$a"; fi
                prev="$a"
            done
            if [ -e "$state/slow-compile" ] && [ -n "$out" ]; then
                printf half > "$out"
                touch "$state/compiling"
                sleep 30
            fi
            exec gcc "$@"

            """
        try script.write(toFile: dir.path("fake-cc"), atomically: true, encoding: .utf8)
        try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path("fake-cc"))
        try """
            name = "interrupt"
            fixtures = "fixtures"
            opt = ["-O2"]
            link = ["shared-libgcc"]
            timeout = 60
            [compilers.fake]
            cc = "\(dir.path("fake-cc"))"
            cxx = "\(dir.path("fake-cc"))"
            [targets.x86_64]

            """.write(toFile: matrix, atomically: true, encoding: .utf8)
        try "int main(void) { return 0; }\n".write(toFile: dir.path("fixtures/ok.c"), atomically: true, encoding: .utf8)
        try """
            #include <stdio.h>
            #include <unistd.h>
            int main(void) {
                FILE *f = fopen("\(state)/running", "w");
                if (f) fclose(f);
                // Sealed in bubblewrap, only the cell's own directory is the host's: say it there too.
                f = fopen("running", "w");
                if (f) fclose(f);
                sleep(30);
                return 0;
            }

            """.write(toFile: dir.path("fixtures/sleepy.c"), atomically: true, encoding: .utf8)
    }

    func reached(_ point: String) -> Bool {
        let fm = FileManager.default
        if fm.fileExists(atPath: dir.path("state/\(point)")) { return true }
        return point == "running" && fm.fileExists(atPath: out + "/work/sleepy/fake/x86_64/O2/shared-libgcc/running")
    }

    /// Files under OUT that hold exactly what the slow compiler wrote before it slept.
    func halfWrittenFiles() -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: out) else { return [] }
        return walker.compactMap { $0 as? String }.filter { name in
            FileManager.default.contents(atPath: out + "/" + name) == Data("half".utf8)
        }
    }
}
