import Model

/// The two keys of a cached step.
///
/// The base key is everything known before the step runs: the driver's identity, the argv, the
/// directory, and the environment variables compilers and linkers read. Paths under the run's work
/// directory are written `@WORK@`, so that runs into different `--out` directories share entries;
/// except with debug info, where the compile directory is recorded in the object (DW_AT_comp_dir) and
/// so is part of the key as it is.
///
/// The result key adds the content of every file the step read, from its dependency file.
package enum CacheKey {
    /// The key's version, the first field of every key: a new hash, field or meaning changes it, and then
    /// every entry made before is simply not found (its manifest is under another name), never misread.
    /// 1: SHA-256 (Swift); 2: XXH3-128 (libxxhash); 3: entries not fsynced, each manifest entry with its
    /// result's sizes and XXH3-128, checked on restore (version 2's manifests have none).
    package static let version = 3

    static func format(_ version: Int) -> String { "toolgate build cache \(version)" }

    /// Variables that change what GCC, clang or ld produce (their manuals' ENVIRONMENT sections).
    static let environment = [
        "CPATH", "C_INCLUDE_PATH", "CPLUS_INCLUDE_PATH", "OBJC_INCLUDE_PATH", "LIBRARY_PATH", "COMPILER_PATH",
        "GCC_EXEC_PREFIX", "GCC_COMPARE_DEBUG", "SOURCE_DATE_EPOCH", "LD_RUN_PATH", "LD_LIBRARY_PATH",
        "CCC_OVERRIDE_OPTIONS", "QA_OVERRIDE_GCC3_OPTIONS", "SDKROOT",
    ]

    package static func base(
        step: CommandRecord.Step, identity: String, argv: [String], cwd: String, paths: WorkPaths, env: [String: String],
        version: Int = version
    ) -> String {
        var h: [UInt8] = []
        func field(_ s: String) { h += s.utf8; h.append(0) }
        field(format(version))
        field(step.rawValue)
        field(identity)
        field(String(argv.count))
        for a in argv { field(paths.normalize(a)) }
        field(paths.normalize(cwd))
        if step == .compile, recordsDirectory(argv) { field("cwd " + cwd) }
        for name in environment { field("\(name)=\(env[name] ?? "\u{1}")") }
        return ContentHasher.hex(h)
    }

    package static func result(base: String, dependencies: [CacheManifest.Dependency]) -> String {
        var h = Array((base + "\u{0}").utf8)
        for d in dependencies { h += "\(d.path)\u{0}\(d.stamp.digest)\u{0}".utf8 }
        return ContentHasher.hex(h)
    }

    /// Debug info names the compile directory: `-g`, `-g3`, `-ggdb`, `-gdwarf-4`... but not `-g0`.
    static func recordsDirectory(_ argv: [String]) -> Bool {
        argv.contains { $0.hasPrefix("-g") && $0 != "-g0" && !$0.hasPrefix("-gz") && !$0.hasPrefix("-gno-") }
    }
}

/// The run's work directory inside paths, and back.
package struct WorkPaths: Sendable {
    package var workDir: String
    static let marker = "@WORK@"

    package init(workDir: String) { self.workDir = workDir }

    package func normalize(_ s: String) -> String {
        guard s.contains(workDir) else { return s }
        if s == workDir { return Self.marker }
        return s.replacingOccurrences(of: workDir + "/", with: Self.marker + "/")
    }

    package func expand(_ s: String) -> String {
        guard s.hasPrefix(Self.marker) else { return s }
        return workDir + s.dropFirst(Self.marker.count)
    }

    /// A dependency file's name, relative to the step's directory when not absolute.
    func absolute(_ path: String, cwd: String) -> String { path.hasPrefix("/") ? path : cwd + "/" + path }
}

/// Steps the cache leaves alone, because something they read is not in their dependency file or they
/// write more than their output: the reason, or nil when the step can be cached.
package enum CacheEligibility {
    package static func refusal(_ step: CommandRecord.Step, argv: [String]) -> String? {
        for a in argv.dropFirst() {
            if a.hasPrefix("@") { return "a response file (\(a))" }
            for p in ["-save-temps", "-fprofile-use", "-fprofile-instr-use", "-fprofile-sample-use", "-fauto-profile",
                      "-fplugin", "-fpass-plugin", "-specs", "--specs", "-fprofile-generate", "-fprofile-arcs", "-ftest-coverage",
                      "-Wl,--dependency-file", "-Wl,-Map", "-Wl,--Map"]
            where a.hasPrefix(p) {
                return "'\(a)'"
            }
            // -M, -MD, -MF, -MT...: every preprocessor option with a capital M is about dependency output.
            if step == .compile, a.hasPrefix("-M") {
                return "its own dependency output ('\(a)')"
            }
            if a == "-load" || a == "-plugin" { return "a compiler plugin ('\(a)')" }
        }
        return nil
    }
}
