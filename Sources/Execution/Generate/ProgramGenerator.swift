import Foundation
import Model

/// Writes the random programs of a `GeneratorSpec` into OUT/generated (`csmith-7.c`, and `csmith-7.key` with
/// its cache key) and returns them as fixtures. A source is generated to stdout (csmith writes its `-o`
/// file name into the program), so the same version, flags and seed give the same bytes; sources are kept
/// in `<cache>/generated/<key>.c` and copied from there on the next run.
package struct ProgramGenerator: Sendable {
    package struct Failure: Error, CustomStringConvertible, DiagnosticConvertible {
        /// The file or directory concerned, if any.
        package var path: String?
        package var message: String
        package var description: String { path.map { "\($0): error: \(message)" } ?? "error: \(message)" }
        package var diagnostic: Diagnostic { .error(message, at: path.map { .file($0) }) }
    }

    package var spec: GeneratorSpec
    /// OUT/generated.
    package var outDir: String
    /// The build cache's directory; nil with `--no-cache` (every source is generated again).
    package var cacheRoot: String?
    package var executable = "csmith"
    package var jobs = 2

    /// Where Debian's libcsmith-dev puts csmith.h; every generated program is compiled with it.
    package static let includeDir = "/usr/include/csmith"
    /// `-w`: a Csmith program gives about a thousand -Wall warnings, and must never meet -Werror.
    package static let compileFlags = ["-I" + includeDir, "-w"]

    package init(spec: GeneratorSpec, outDir: String, cacheRoot: String?) {
        self.spec = spec
        self.outDir = outDir
        self.cacheRoot = cacheRoot
    }

    /// `csmith --version`, both lines: the key of every source.
    package func version() async throws(Failure) -> String {
        try? FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
        let (status, out, err) = await capture([executable, "--version"], name: "version")
        guard status == 0, !out.isEmpty else {
            throw Failure(message: "cannot run '\(executable) --version'\(DebianPackages.hint(for: executable)): \(err.isEmpty ? "exit \(status)" : err)")
        }
        return out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The key of one source: generator, version, flags and seed, hashed.
    package static func cacheKey(tool: String, version: String, flags: [String], seed: UInt64) -> String {
        var text = "toolgate-generated-1\u{0}\(tool)\u{0}\(version)\u{0}"
        for f in flags { text += f + "\u{0}" }
        text += "\u{1}seed=\(seed)"
        return ContentHasher.hex(text)
    }

    /// Every seed's fixture, in seed-list order; `version` is `version()`'s.
    package func generate(version: String) async throws(Failure) -> [Fixture] {
        let fm = FileManager.default
        try? fm.removeItem(atPath: outDir)
        do {
            try fm.createDirectory(atPath: outDir, withIntermediateDirectories: true)
            if let cacheDir { try fm.createDirectory(atPath: cacheDir, withIntermediateDirectories: true) }
        } catch {
            throw Failure(path: outDir, message: "cannot create the directory: \(error.localizedDescription)")
        }
        var results: [UInt64: Result<Fixture, Failure>] = [:]
        await withTaskGroup(of: (UInt64, Result<Fixture, Failure>).self) { group in
            var pending = spec.seeds[...]
            func startNext() {
                guard let seed = pending.popFirst() else { return }
                group.addTask { (seed, await self.program(seed: seed, version: version)) }
            }
            for _ in 0..<max(1, jobs) { startNext() }
            while let (seed, result) = await group.next() {
                results[seed] = result
                startNext()
            }
        }
        var fixtures: [Fixture] = []
        for seed in spec.seeds {
            guard let result = results[seed] else { continue }
            switch result {
            case .success(let f): fixtures.append(f)
            case .failure(let e): throw e
            }
        }
        return fixtures
    }

    private var cacheDir: String? { cacheRoot.map { $0 + "/generated" } }

    private func program(seed: UInt64, version: String) async -> Result<Fixture, Failure> {
        let name = spec.fixtureName(seed: seed)
        let path = outDir + "/" + name + ".c"
        let key = Self.cacheKey(tool: spec.tool, version: version, flags: spec.flags, seed: seed)
        let cached = cacheDir.map { "\($0)/\(key).c" }
        do {
            if let cached, let data = FileContents.data(atPath: cached), !data.isEmpty {
                try AtomicFile.write(data, to: path)
            } else {
                let (status, out, err) = await capture([executable, "--seed", String(seed)] + spec.flags, name: name)
                guard status == 0, !out.isEmpty else {
                    return .failure(Failure(message: "'\(executable) --seed \(seed)' failed (exit \(status)): \(Self.complaint(stdout: out, stderr: err))"))
                }
                let data = Data(out.utf8)
                try AtomicFile.write(data, to: path)
                if let cached { try? AtomicFile.write(data, to: cached) }
            }
            try AtomicFile.write(Data((key + "\n").utf8), to: outDir + "/" + name + ".key")
        } catch {
            return .failure(Failure(path: path, message: "cannot write the generated program: \(error)"))
        }
        let program = GeneratedProgram(tool: spec.tool, seed: seed, cacheKey: key, runTimeout: spec.runTimeout)
        let fixture = Fixture.generated(program, name: name, path: path, cflags: Self.compileFlags)
        return .success(fixture)
    }

    /// Runs a generator command in a directory of its own, its stdout and stderr through files there.
    /// Its own because csmith reads ./platform.info at its start and writes it again as it ends: two csmith
    /// processes sharing a directory let one read the file that the other has just truncated, and exit 255
    /// with "please specify integer size in platform.info" (seen in CI under load).
    private func capture(_ argv: [String], name: String) async -> (Int, String, String) {
        let dir = "\(outDir)/.\(name).\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
        } catch {
            return (127, "", "cannot create \(dir): \(error.localizedDescription)")
        }
        let request = StepRequest(argv: argv, cwd: dir, timeoutSeconds: 120, stdoutPath: dir + "/stdout", stderrPath: dir + "/stderr")
        let result = await ProcessRunner.run(request)
        let out = FileContents.data(atPath: dir + "/stdout").map { String(decoding: $0, as: UTF8.self) } ?? ""
        let err = FileContents.data(atPath: dir + "/stderr").map { String(decoding: $0, as: UTF8.self) } ?? ""
        if let launch = result.launchError { return (127, "", launch) }
        return (result.exitCode ?? -1, out, err.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// What a failed generator said: csmith writes its errors to stdout, so with an empty stderr, stdout's
    /// last line.
    static func complaint(stdout: String, stderr: String) -> String {
        if let line = stderr.split(separator: "\n").first { return String(line) }
        if let line = stdout.split(separator: "\n").last(where: { !$0.allSatisfy(\.isWhitespace) }) {
            return String(line.prefix(300))
        }
        return "no output"
    }
}
