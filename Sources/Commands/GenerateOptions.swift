import ArgumentParser
import Execution
import Foundation
import Frontend
import Model

/// `--generate csmith --seeds 1-200 [--csmith-flags "..."]` (docs/random-programs.md). The matrix's `[generate]`
/// table gives the same; what the command line gives wins.
struct GenerateOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Run generated random programs instead of the fixtures: 'csmith'.", valueName: "tool"))
    var generate: String?

    @Option(name: .long, help: ArgumentHelp("The generator's seeds: a range '1-200', a list '1,5,9', or both ('1-20,42').", valueName: "list"))
    var seeds: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Flags for csmith after '--seed N', as one string (e.g. \"--max-funcs 3\").", valueName: "flags"))
    var csmithFlags: String?

    func validate() throws {
        if let generate, !GeneratorSpec.tools.contains(generate) {
            throw ValidationError("unknown generator '\(generate)' for '--generate'; expected \(EnglishList.or(GeneratorSpec.tools))")
        }
        if let seeds {
            do { _ = try SeedList.parse(seeds) } catch { throw ValidationError("'--seeds': \(error.message)") }
        }
    }

    /// The generation this run does: the command line over the matrix's `[generate]`; nil when neither asks.
    /// `timeout` is `--timeout`, which also sets the generated programs' run timeout.
    func spec(matrix: Matrix, timeout: Int?) throws -> GeneratorSpec? {
        guard let tool = generate ?? matrix.generate?.tool else {
            if seeds != nil || csmithFlags != nil {
                throw Diagnostic.error("'\(seeds != nil ? "--seeds" : "--csmith-flags")' needs '--generate csmith' or a [generate] table in the matrix")
            }
            return nil
        }
        var spec = matrix.generate ?? GeneratorSpec(tool: tool, seeds: [])
        spec.tool = tool
        if let seeds { spec.seeds = (try? SeedList.parse(seeds)) ?? [] }
        guard !spec.seeds.isEmpty else {
            throw Diagnostic.error("'--generate \(tool)' needs '--seeds' (e.g. '--seeds 1-200') or 'seeds' in the matrix's [generate]")
        }
        if let csmithFlags { spec.flags = ShellWords.split(csmithFlags) }
        if let timeout { spec.runTimeout = timeout }
        return spec
    }

    /// The seeds as the user wrote them, for the report.
    func seedsText(_ spec: GeneratorSpec) -> String { seeds ?? SeedRanges.format(spec.seeds) }
}

/// Generates the programs of a run into OUT/generated: a failure (no csmith, bad flags) is a Diagnostic (exit 2).
enum GenerateFrontend {
    static func fixtures(_ spec: GeneratorSpec, outDir: String, cache: CacheSettings?, jobs: Int) async throws -> (fixtures: [Fixture], version: String) {
        // Absolute: compile steps run in their own directories.
        let out = URL(fileURLWithPath: outDir).standardizedFileURL.path
        var generator = ProgramGenerator(spec: spec, outDir: out + "/generated", cacheRoot: cache?.directory)
        generator.jobs = jobs
        do {
            let version = try await generator.version()
            let start = ContinuousClock.now
            let fixtures = try await generator.generate(version: version)
            let ms = (ContinuousClock.now - start) / .milliseconds(1)
            writeErr("toolgate: \(fixtures.count) programs from \(version.split(separator: "\n").first ?? "csmith") in \(Int(ms)) ms into \(generator.outDir)\n")
            return (fixtures, version)
        } catch {
            throw error.diagnostic
        }
    }
}
