import Foundation
import Model

/// Where the cache lives and how big it may grow (`--cache-dir`, `--cache-max-size`).
package struct CacheSettings: Sendable {
    package var directory: String
    package var maxBytes: Int64
    /// The key version entries are written and looked up with (CacheKey.version); tests set an older one
    /// to make a cache as an older toolgate would.
    package var keyVersion: Int = CacheKey.version

    package static let defaultMaxBytes: Int64 = 5 << 30

    package init(directory: String, maxBytes: Int64 = defaultMaxBytes) {
        self.directory = directory
        self.maxBytes = maxBytes
    }

    /// $XDG_CACHE_HOME/toolgate, else ~/.cache/toolgate (the XDG base directory rule: a relative
    /// XDG_CACHE_HOME is ignored).
    package static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/toolgate" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.cache/toolgate"
    }
}

/// Compile and link steps by content: a hit copies the stored output, stdout and stderr into place
/// instead of running the step; a miss runs it with a dependency file (`-MD -MF`, `-Wl,--dependency-file=`)
/// and stores what it made. Run steps never come here. Failed steps are never stored.
package struct BuildCache: Sendable {
    package let settings: CacheSettings
    let store: CacheStore
    let digests = FileDigests()
    let identities: ToolIdentities
    let paths: WorkPaths
    let environment: [String: String]

    package init(settings: CacheSettings, workDir: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.settings = settings
        store = CacheStore(directory: settings.directory)
        paths = WorkPaths(workDir: workDir)
        self.environment = environment.merging(StepExecution.env) { _, step in step }
        identities = ToolIdentities(
            probeDir: workDir + "/probes/cache", store: ToolAnswerStore(directory: store.root + "/tools"), environment: self.environment)
    }

    /// Runs a compile (`-c ... -o OUTPUT`) or link (`-o OUTPUT`) step through the cache.
    func run(
        _ step: CommandRecord.Step, argv: [String], cwd: String, name: String, output: String, timeout: Int,
        permits: AsyncSemaphore
    ) async -> StepExecution.Outcome {
        let outputPath = paths.absolute(output, cwd: cwd)
        let depFile = outputPath + ".d"
        let tracked = argv + (step == .compile ? ["-MD", "-MF", depFile] : ["-Wl,--dependency-file=" + depFile])
        func plain() async -> StepExecution.Outcome {
            var o = await StepExecution.run(step, argv: argv, cwd: cwd, name: name, timeout: timeout, permits: permits)
            o.record.cache = .uncacheable
            return o
        }
        guard CacheEligibility.refusal(step, argv: argv) == nil, let identity = await identities.identity(of: argv) else {
            return await plain()
        }
        let base = CacheKey.base(
            step: step, identity: identity, argv: argv, cwd: cwd, paths: paths, env: environment, version: settings.keyVersion)
        // Hashing and copying off the cooperative pool (BlockingPool).
        if let hit = await BlockingPool.run({ self.restore(base: base, step: step, argv: tracked, cwd: cwd, name: name, output: outputPath) }) {
            return hit
        }

        let started = FileDigests.fileClockNow()
        var o = await StepExecution.run(step, argv: tracked, cwd: cwd, name: name, timeout: timeout, permits: permits)
        // A linker without --dependency-file (old gold, old lld) refuses the option: link without it.
        if step == .link, !o.result.succeeded, o.result.launchError == nil, o.stderr.contains("dependency-file") {
            return await plain()
        }
        o.record.cache = .miss
        if o.result.succeeded {
            await BlockingPool.run { self.remember(base: base, cwd: cwd, name: name, output: outputPath, depFile: depFile, started: started) }
        }
        return o
    }

    /// The newest manifest entry whose files are all as they were, copied into place.
    private func restore(
        base: String, step: CommandRecord.Step, argv: [String], cwd: String, name: String, output: String
    ) -> StepExecution.Outcome? {
        let start = ContinuousClock.now
        let manifest = store.manifest(base)
        let stdoutPath = "\(cwd)/\(name).stdout", stderrPath = "\(cwd)/\(name).stderr"
        // An entry's result key must be that of its base and dependencies: a manifest is not fsynced, and one
        // whose bytes a crash mixed up cannot name another step's result.
        for entry in manifest.entries
        where entry.result == CacheKey.result(base: base, dependencies: entry.dependencies)
            && entry.dependencies.allSatisfy({ digests.matches(paths.expand($0.path), $0.stamp) }) {
            guard store.restoreResult(entry.result, expected: entry.files, output: output, stdout: stdoutPath, stderr: stderrPath)
            else { continue }
            store.touch(store.manifestPath(base))
            let ms = Int((ContinuousClock.now - start) / .milliseconds(1))
            let out = CapturedOutput.read(stdoutPath, cap: StepExecution.cap(step))
            let err = CapturedOutput.read(stderrPath, cap: StepExecution.cap(step))
            var record = CommandRecord(
                step: step, argv: argv, cwd: cwd, env: StepExecution.env, exitCode: 0, durationMs: ms, stdout: out, stderr: err)
            record.cache = .hit
            return StepExecution.Outcome(
                record: record, result: StepResult(exitCode: 0, signal: nil, timedOut: false, durationMs: ms), stdout: out, stderr: err)
        }
        return nil
    }

    /// Stores a successful step under the contents of every file its dependency file names. Anything
    /// unexpected (no dependency file, a listed file gone) leaves the cache as it was: a later miss.
    /// ccache's race guard: a file changed at or after `started` (the file system's clock when the step
    /// began) may not be what the step read, so the step is not stored. Files under the run's work
    /// directory are exempt: only this run's earlier steps write them (an object its compile made or
    /// restored), and those finished before this step began, often within the same clock tick.
    private func remember(base: String, cwd: String, name: String, output: String, depFile: String, started: Int64) {
        guard let text = try? String(contentsOfFile: depFile, encoding: .utf8),
              let names = DependencyFile.prerequisites(text)
        else { return }
        var dependencies: [CacheManifest.Dependency] = []
        for n in names {
            let path = paths.absolute(n, cwd: cwd)
            guard let stamp = digests.stamp(path) else { return }
            if !path.hasPrefix(paths.workDir + "/"), FileDigests.changed(path, since: started) { return }
            dependencies.append(.init(path: paths.normalize(path), stamp: stamp))
        }
        let key = CacheKey.result(base: base, dependencies: dependencies)
        do {
            let files = try store.storeResult(key, output: output, stdout: "\(cwd)/\(name).stdout", stderr: "\(cwd)/\(name).stderr")
            var manifest = store.manifest(base)
            manifest.add(.init(result: key, dependencies: dependencies, files: files))
            try store.writeManifest(manifest, key: base)
        } catch {
            // A full disk or a read-only cache costs hits, never the run.
        }
    }
}
