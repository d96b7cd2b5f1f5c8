import ELFFacts

/// Everything a cell did and what came of it: one element of report.json's `cells`.
package struct CellRecord: Sendable, Codable, Equatable {
    package var id: String
    package var fixture: String
    package var compiler: String
    package var target: String
    package var link: String
    package var opt: String
    package var status: CellStatus
    /// Why the status, in a line: "expected exit 0, got 1", "needs __int128 ...".
    package var reason: String?
    package var exitCode: Int?
    package var signal: String?
    package var stdout: String
    package var stderr: String
    package var commands: [CommandRecord]
    package var durationMs: Int
    package var elf: ELFFacts?
    package var violations: [Violation]
    /// Hints drawn from the output, e.g. a shared library the loader could not find.
    package var notes: [String]
    /// The cell's log, relative to the report's directory.
    package var log: String?
    /// Whether the fixture declares its stdout for this cell's target (`EXPECT-STDOUT`); nil in reports
    /// written before the field existed. Where false, `toolgate compare` treats a changed stdout as a regression.
    package var stdoutChecked: Bool?
    /// Whether the fixture declares stdout per target (`EXPECT-STDOUT[t]`), so outputs of different
    /// targets are not compared with each other; nil in older reports.
    package var perTargetStdout: Bool?
    /// Every run of the run step when `--repeat` ran it again (the first run included); nil without reruns.
    package var attempts: [RunAttempt]?
    /// What `toolgate resolve` finds wrong with the binary against the cell's sysroot, before it runs:
    /// empty when it resolves cleanly (a static binary too); nil when nothing was linked to resolve, and in
    /// reports written before the field existed.
    package var resolution: [ResolutionProblem]?
    /// The shared objects the program of a dynamic run step mapped (glibc's loader says); nil for static
    /// programs, runs the loader did not report on, and older reports.
    package var loaded: [LoadedObject]?
    /// How the run step was sealed: "bwrap" or "none"; nil when no run step ran, and in older reports.
    package var sandbox: String?
    /// A generated program's checksum (`checksum = D9927B6C` on its stdout); nil for other fixtures and older reports.
    package var checksum: String?
    /// The cell's values of the matrix's declared axes (`{"linker": "lld", "rtlib": "compiler-rt"}`); nil
    /// when the matrix declares none, so such reports read as they always did.
    package var axes: [String: String]?
    /// The ELF expectations the binary was held to and which axis value each came from (the later axis
    /// wins a conflict); written for cells with declared axes whose binary was checked.
    package var expectations: [AppliedExpectation]?

    package init(cell: Cell, status: CellStatus, reason: String? = nil) {
        self.init(
            fixture: cell.fixture.name, compiler: cell.compiler.name, target: cell.target.name, link: cell.link.rawValue,
            opt: cell.optID, extra: cell.choices.map { ($0.axis, $0.value.name) }, status: status, reason: reason)
        let annotations = cell.fixture.annotations
        stdoutChecked = annotations.expectedStdout(target: cell.target.name) != nil
        perTargetStdout = !annotations.expectedStdoutByTarget.isEmpty
    }

    /// A record from its axes alone (what a comparison needs; tests build reports this way).
    /// `extra`: the declared axes' values in `axis_order`, appended to the id.
    package init(
        fixture: String, compiler: String, target: String, link: String, opt: String, extra: [(axis: String, value: String)] = [],
        status: CellStatus, reason: String? = nil
    ) {
        id = ([fixture, compiler, target, link, opt] + extra.map(\.value)).joined(separator: "/")
        axes = extra.isEmpty ? nil : Dictionary(extra.map { ($0.axis, $0.value) }, uniquingKeysWith: { a, _ in a })
        expectations = nil
        self.fixture = fixture
        self.compiler = compiler
        self.target = target
        self.link = link
        self.opt = opt
        self.status = status
        self.reason = reason
        exitCode = nil
        signal = nil
        stdout = ""
        stderr = ""
        commands = []
        durationMs = 0
        elf = nil
        violations = []
        notes = []
        log = nil
        stdoutChecked = nil
        perTargetStdout = nil
        attempts = nil
        resolution = nil
        loaded = nil
        sandbox = nil
        checksum = nil
    }

    enum CodingKeys: String, CodingKey {
        case id, fixture, compiler, target, link, opt, status, reason
        case exitCode = "exit_code"
        case signal, stdout, stderr, commands
        case durationMs = "duration_ms"
        case elf, violations, notes, log
        case stdoutChecked = "stdout_checked"
        case perTargetStdout = "per_target_stdout"
        case attempts
        case resolution
        case loaded, sandbox
        case checksum
        case axes, expectations
    }

    /// The id without its fixture: `gcc/x86_64/shared-libgcc/O2`, with declared axes' values after.
    package var configuration: String {
        id.hasPrefix(fixture + "/") ? String(id.dropFirst(fixture.count + 1)) : "\(compiler)/\(target)/\(link)/\(opt)"
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(fixture, forKey: .fixture)
        try c.encode(compiler, forKey: .compiler)
        try c.encode(target, forKey: .target)
        try c.encode(link, forKey: .link)
        try c.encode(opt, forKey: .opt)
        try c.encode(status, forKey: .status)
        try c.encode(reason, forKey: .reason)
        try c.encode(exitCode, forKey: .exitCode)
        try c.encode(signal, forKey: .signal)
        try c.encode(stdout, forKey: .stdout)
        try c.encode(stderr, forKey: .stderr)
        try c.encode(commands, forKey: .commands)
        try c.encode(durationMs, forKey: .durationMs)
        try c.encode(elf, forKey: .elf)
        try c.encode(violations, forKey: .violations)
        try c.encode(notes, forKey: .notes)
        try c.encode(log, forKey: .log)
        try c.encodeIfPresent(stdoutChecked, forKey: .stdoutChecked)
        try c.encodeIfPresent(perTargetStdout, forKey: .perTargetStdout)
        try c.encodeIfPresent(attempts, forKey: .attempts)
        try c.encodeIfPresent(resolution, forKey: .resolution)
        try c.encodeIfPresent(loaded, forKey: .loaded)
        try c.encodeIfPresent(sandbox, forKey: .sandbox)
        try c.encodeIfPresent(checksum, forKey: .checksum)
        try c.encodeIfPresent(axes, forKey: .axes)
        try c.encodeIfPresent(expectations, forKey: .expectations)
    }
}
