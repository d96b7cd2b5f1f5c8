import ArgumentParser
import Execution
import Foundation

/// `--cache-dir`, `--cache-max-size`, `--no-cache` (docs/runner.md, "Build cache").
struct CacheOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The build cache for compile and link steps (default: $XDG_CACHE_HOME/toolgate, else ~/.cache/toolgate).",
            valueName: "dir"))
    var cacheDir: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Evict the least recently used entries beyond this size after a run: 500M, 5G, bytes (default: 5G).",
            valueName: "size"))
    var cacheMaxSize: String?

    @Flag(name: .long, help: "Run every compile and link step; neither read nor write the build cache.")
    var noCache = false

    func validate() throws {
        if let size = cacheMaxSize, ByteSize.parse(size) == nil {
            throw ValidationError("'--cache-max-size' must be a size such as 500M, 5G or a number of bytes, got '\(size)'")
        }
        if noCache, cacheDir != nil || cacheMaxSize != nil {
            throw ValidationError("'--no-cache' cannot be combined with '--cache-dir' or '--cache-max-size'")
        }
        if let dir = cacheDir, dir.isEmpty { throw ValidationError("'--cache-dir' must not be empty") }
    }

    /// nil with `--no-cache`. A relative directory is made absolute now: steps run in other directories.
    var settings: CacheSettings? {
        guard !noCache else { return nil }
        let dir = cacheDir.map { $0.hasPrefix("/") ? $0 : FileManager.default.currentDirectoryPath + "/" + $0 }
        return CacheSettings(
            directory: dir ?? CacheSettings.defaultDirectory(),
            maxBytes: cacheMaxSize.flatMap(ByteSize.parse) ?? CacheSettings.defaultMaxBytes)
    }
}
