import Model

/// What `toolgate reduce` reduces: a wrong-code cell, a cell of the same seed that agrees with the expected
/// checksum, and the commands each ran, rewritten for a candidate source in a scratch directory.
package struct ReductionPlan: Sendable, Equatable {
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    /// One cell's build and run, as argv with `ReductionPlan.sourceMark` where the candidate goes.
    package struct Side: Sendable, Equatable {
        package var cell: String
        /// Output of the program as the run recorded it (the checksum line).
        package var recordedStdout: String
        package var compile: [String]
        package var link: [String]
        package var run: [String]
        package var env: [String: String]
    }

    /// Stands for the candidate source in a `Side`'s argv.
    package static let sourceMark = "\u{0}SOURCE\u{0}"

    package var wrong: Side
    package var agreeing: Side
    /// The program the wrong-code cell built.
    package var source: String
    /// Seconds each run of a candidate may take.
    package var runTimeout: Int

    /// The wrong cell `id` of `report`, against `against` or the best agreeing cell: one with the expected
    /// checksum on the same target (then with no runner, then any).
    package static func make(report: Report, cell id: String, against: String? = nil) throws(Failure) -> ReductionPlan {
        guard let wrong = report.cells.first(where: { $0.id == id }) else {
            var message = "no cell '\(id)' in the report"
            if let near = EditDistance.nearest(to: id, in: report.cells.map(\.id)) { message += "; did you mean '\(near)'?" }
            throw Failure(description: message)
        }
        guard wrong.status == .wrongCode else {
            throw Failure(description: "cell '\(id)' is \(wrong.status.rawValue), not wrong-code: only a wrong-code cell can be reduced")
        }
        let agreeing = try pickAgreeing(report, wrong, against)
        let source = try sourcePath(of: wrong)
        let timeout = report.metadata.generator?.runTimeout ?? GeneratorSpec.defaultRunTimeout
        return ReductionPlan(wrong: try side(wrong, name: "w", source: source), agreeing: try side(agreeing, name: "a", source: source),
                             source: source, runTimeout: timeout)
    }

    private static func pickAgreeing(_ report: Report, _ wrong: CellRecord, _ against: String?) throws(Failure) -> CellRecord {
        let candidates = report.cells.filter { $0.fixture == wrong.fixture && $0.status == .pass && $0.checksum != wrong.checksum }
        if let against {
            guard let chosen = candidates.first(where: { $0.id == against }) else {
                throw Failure(description: "'\(against)' is not a passing cell of \(wrong.fixture) with another checksum than '\(wrong.id)'")
            }
            return chosen
        }
        // The expected checksum is the largest group's among the passing cells.
        var counts: [String: Int] = [:]
        for c in candidates { counts[c.checksum ?? "", default: 0] += 1 }
        guard let expected = counts.max(by: { $0.value < $1.value })?.key else {
            throw Failure(description: "no passing cell of \(wrong.fixture) to hold '\(wrong.id)' against")
        }
        let agreeing = candidates.filter { ($0.checksum ?? "") == expected }
        func rank(_ c: CellRecord) -> Int {
            if c.target == wrong.target, c.opt == wrong.opt { return 0 }
            if c.target == wrong.target { return 1 }
            if runCommand(c)?.argv.first?.hasPrefix("./") == true { return 2 }
            return 3
        }
        guard let best = agreeing.min(by: { rank($0) < rank($1) }) else {
            throw Failure(description: "no passing cell of \(wrong.fixture) to hold '\(wrong.id)' against")
        }
        return best
    }

    private static func runCommand(_ r: CellRecord) -> CommandRecord? { r.commands.last { $0.step == .run } }

    /// The `-c` operand of the cell's compile step.
    private static func sourcePath(of r: CellRecord) throws(Failure) -> String {
        guard let compile = r.commands.first(where: { $0.step == .compile }), let i = compile.argv.firstIndex(of: "-c"), i + 1 < compile.argv.count
        else { throw Failure(description: "cell '\(r.id)' has no recorded compile command with '-c SOURCE'") }
        return compile.argv[i + 1]
    }

    /// The build cache's own additions to a step (`-MD -MF FILE`, `-Wl,--dependency-file=FILE`): a candidate
    /// must not write into the run's work directory.
    static func withoutDependencyFiles(_ argv: [String]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < argv.count {
            let a = argv[i]
            if a == "-MD" || a == "-MMD" {
                i += 1
            } else if a == "-MF", i + 1 < argv.count {
                i += 2
            } else if a.hasPrefix("-Wl,--dependency-file=") {
                i += 1
            } else {
                out.append(a)
                i += 1
            }
        }
        return out
    }

    /// The cell's commands with the source, object and program renamed for a scratch directory:
    /// `NAME.o` and `NAME.prog`.
    private static func side(_ r: CellRecord, name: String, source: String) throws(Failure) -> Side {
        guard let compile = r.commands.first(where: { $0.step == .compile }),
              let link = r.commands.last(where: { $0.step == .link }), let run = runCommand(r)
        else { throw Failure(description: "cell '\(r.id)' lacks a recorded compile, link or run command") }
        guard let objIndex = compile.argv.lastIndex(of: "-o"), objIndex + 1 < compile.argv.count else {
            throw Failure(description: "cell '\(r.id)': its compile command has no '-o OBJECT'")
        }
        let object = compile.argv[objIndex + 1]
        var c = withoutDependencyFiles(compile.argv)
        c = c.map { $0 == source ? sourceMark : $0 }
        var l = withoutDependencyFiles(link.argv).map { $0 == object ? "\(name).o" : $0 }
        if let i = l.lastIndex(of: "-o"), i + 1 < l.count { l[i + 1] = "\(name).prog" }
        // The sandbox and the loader's report are the run's own: a candidate runs plainly in its scratch directory.
        var program = RunStepCommand.unsealed(run.argv)
        if let i = program.lastIndex(where: { $0 == "./" + UnitLayout.program }) { program[i] = "./\(name).prog" }
        if let i = c.lastIndex(of: "-o"), i + 1 < c.count { c[i + 1] = "\(name).o" }
        return Side(cell: r.id, recordedStdout: r.stdout, compile: c, link: l, run: program, env: run.env.merging(compile.env) { a, _ in a })
    }
}
