/// report.json: the whole run. docs/report-schema.md documents every field.
package struct Report: Sendable, Codable, Equatable {
    package static let schemaVersion = 1

    package var schemaVersion: Int
    /// False while the run is under way or when it was interrupted.
    package var complete: Bool
    package var metadata: RunMetadata
    /// Cells per status.
    package var summary: [String: Int]
    package var cells: [CellRecord]

    package init(complete: Bool, metadata: RunMetadata, cells: [CellRecord]) {
        schemaVersion = Self.schemaVersion
        self.complete = complete
        self.metadata = metadata
        self.cells = cells
        var summary: [String: Int] = [:]
        for s in CellStatus.allCases { summary[s.rawValue] = 0 }
        for c in cells { summary[c.status.rawValue, default: 0] += 1 }
        self.summary = summary
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case complete, metadata, summary, cells
    }
}

package struct RunMetadata: Sendable, Codable, Equatable {
    package struct Host: Sendable, Codable, Equatable {
        package var hostname: String
        package var kernel: String
        package var machine: String
        package var cores: Int
        package init(hostname: String, kernel: String, machine: String, cores: Int) {
            self.hostname = hostname
            self.kernel = kernel
            self.machine = machine
            self.cores = cores
        }
    }

    package struct MatrixInfo: Sendable, Codable, Equatable {
        package var name: String
        package var path: String
        package var sha256: String
        package init(name: String, path: String, sha256: String) {
            self.name = name
            self.path = path
            self.sha256 = sha256
        }
    }

    /// One driver of one compiler for one target, as found on this machine.
    package struct Tool: Sendable, Codable, Equatable {
        package var compiler: String
        package var target: String
        package var role: String
        package var command: String
        /// Resolved path; null when not installed.
        package var path: String?
        /// First line of `--version`.
        package var version: String?
        package init(compiler: String, target: String, role: String, command: String, path: String?, version: String?) {
            self.compiler = compiler
            self.target = target
            self.role = role
            self.command = command
            self.path = path
            self.version = version
        }
    }

    package var toolgateVersion: String
    package var startedAt: String
    package var finishedAt: String?
    package var commandLine: [String]
    package var host: Host
    package var matrix: MatrixInfo
    package var fixtures: String
    package var jobs: Int
    package var compilers: [Tool]
    package var runners: [Tool]
    /// Adjustments toolgate made for this machine (the i686 asm/ include directory).
    package var workarounds: [String]
    /// The part of the plan this run did (`--shard K/N`); absent for a whole run and for a merged report.
    package var shard: Shard?
    /// `--filter`, when one was given; absent otherwise.
    package var filter: String?
    /// The order of each axis in the plan, so shard reports can be merged back into plan order.
    package var axes: PlanAxes?
    /// How run steps were sealed: the matrix's `sandbox` mode and what this machine allowed; absent in older reports.
    package var sandbox: SandboxInfo?
    /// `run --generate`: the generator, its flags and seeds; absent otherwise.
    package var generator: GeneratorInfo?
    /// Seeds none of whose cells ran to completion (all timed out or crashed); absent when none or without --generate.
    package var generatorTrouble: [UInt64]?

    package init(
        toolgateVersion: String, startedAt: String, commandLine: [String], host: Host, matrix: MatrixInfo,
        fixtures: String, jobs: Int, compilers: [Tool] = [], runners: [Tool] = [], workarounds: [String] = []
    ) {
        self.toolgateVersion = toolgateVersion
        self.startedAt = startedAt
        self.finishedAt = nil
        self.commandLine = commandLine
        self.host = host
        self.matrix = matrix
        self.fixtures = fixtures
        self.jobs = jobs
        self.compilers = compilers
        self.runners = runners
        self.workarounds = workarounds
        self.shard = nil
        self.filter = nil
        self.axes = nil
        self.sandbox = nil
    }

    enum CodingKeys: String, CodingKey {
        case toolgateVersion = "toolgate_version"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case commandLine = "command_line"
        case host, matrix, fixtures, jobs, compilers, runners, workarounds, shard, filter, axes
        case sandbox
        case generator
        case generatorTrouble = "generator_trouble"
    }
}
