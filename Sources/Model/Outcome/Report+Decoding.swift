import ELFFacts

/// report.json read tolerantly (docs/report-schema.md, "Reading old and new reports"): `schema_version`,
/// `metadata` and `cells` are required; `complete` absent reads as false (a report that does not say it
/// finished is not taken as finished); `summary` absent is counted from the cells.
extension Report {
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let version = try c.decode(Int.self, forKey: .schemaVersion)
        self.init(
            complete: try c.decode(forKey: .complete, default: false), metadata: try c.decode(RunMetadata.self, forKey: .metadata),
            cells: try c.decode([CellRecord].self, forKey: .cells))
        schemaVersion = version
        if let summary = try c.decodeIfPresent([String: Int].self, forKey: .summary) { self.summary = summary }
    }
}

/// Every field of the run's metadata has a default: empty text and lists, 0, or absent.
extension RunMetadata {
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            toolgateVersion: try c.decode(forKey: .toolgateVersion, default: ""), startedAt: try c.decode(forKey: .startedAt, default: ""),
            commandLine: try c.decode(forKey: .commandLine, default: []),
            host: try c.decode(forKey: .host, default: Host(hostname: "", kernel: "", machine: "", cores: 0)),
            matrix: try c.decode(forKey: .matrix, default: MatrixInfo(name: "", path: "", sha256: "")),
            fixtures: try c.decode(forKey: .fixtures, default: ""), jobs: try c.decode(forKey: .jobs, default: 0),
            compilers: try c.decode(forKey: .compilers, default: []), runners: try c.decode(forKey: .runners, default: []),
            workarounds: try c.decode(forKey: .workarounds, default: []))
        finishedAt = try c.decodeIfPresent(String.self, forKey: .finishedAt)
        shard = try c.decodeIfPresent(Shard.self, forKey: .shard)
        filter = try c.decodeIfPresent(String.self, forKey: .filter)
        axes = try c.decodeIfPresent(PlanAxes.self, forKey: .axes)
        sandbox = try c.decodeIfPresent(SandboxInfo.self, forKey: .sandbox)
        generator = try c.decodeIfPresent(GeneratorInfo.self, forKey: .generator)
        generatorTrouble = try c.decodeIfPresent([UInt64].self, forKey: .generatorTrouble)
    }
}

extension RunMetadata.Host {
    /// The synthesized CodingKeys' names, which its encoder writes.
    private enum Keys: String, CodingKey { case hostname, kernel, machine, cores }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        self.init(
            hostname: try c.decode(forKey: .hostname, default: ""), kernel: try c.decode(forKey: .kernel, default: ""),
            machine: try c.decode(forKey: .machine, default: ""), cores: try c.decode(forKey: .cores, default: 0))
    }
}

extension RunMetadata.MatrixInfo {
    /// The synthesized CodingKeys' names, which its encoder writes.
    private enum Keys: String, CodingKey { case name, path, sha256 }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        self.init(
            name: try c.decode(forKey: .name, default: ""), path: try c.decode(forKey: .path, default: ""),
            sha256: try c.decode(forKey: .sha256, default: ""))
    }
}

extension RunMetadata.Tool {
    /// The synthesized CodingKeys' names, which its encoder writes.
    private enum Keys: String, CodingKey { case compiler, target, role, command, path, version }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        self.init(
            compiler: try c.decode(forKey: .compiler, default: ""), target: try c.decode(forKey: .target, default: ""),
            role: try c.decode(forKey: .role, default: ""), command: try c.decode(forKey: .command, default: ""),
            path: try c.decodeIfPresent(String.self, forKey: .path), version: try c.decodeIfPresent(String.self, forKey: .version))
    }
}
