/// The verdict over generated programs (docs/random-programs.md): per seed, the cells that ran to completion
/// (exit 0, no timeout: status pass) are grouped by checksum. When the groups disagree, the reference cells'
/// checksum (else the majority's) is expected and every other completed cell becomes `wrong-code`. Timeouts
/// never take part: a Csmith program that loops is not a compiler bug. A seed none of whose run cells
/// completed (all timed out or crashed) is generator trouble, reported apart. Pure: records in, records out.
package enum WrongCodeVerdicts {
    package struct Result: Sendable, Equatable {
        package var records: [CellRecord]
        /// Fixtures with at least one wrong-code cell, in run order.
        package var wrongCode: [String]
        /// Seeds none of whose cells ran to completion.
        package var generatorTrouble: [UInt64]
    }

    /// How many agreeing cells a reason names before "+N more".
    static let namedCells = 3

    /// `programs`: the generated fixtures and their seeds; records of other fixtures pass through untouched.
    package static func apply(to records: [CellRecord], programs: [String: UInt64], reference: ReferenceCells? = nil) -> Result {
        var out = records
        var indices: [String: [Int]] = [:]
        var order: [String] = []
        for (i, r) in records.enumerated() where programs[r.fixture] != nil {
            if indices[r.fixture] == nil { order.append(r.fixture) }
            indices[r.fixture, default: []].append(i)
        }
        var wrong: [String] = []
        var trouble: [UInt64] = []
        for fixture in order {
            guard let members = indices[fixture], let seed = programs[fixture] else { continue }
            let reached = members.filter { reachedRun(out[$0]) }
            if !reached.isEmpty, reached.allSatisfy({ out[$0].status == .timeout || out[$0].status == .crash }) {
                trouble.append(seed)
                continue
            }
            let completed = members.filter { out[$0].status == .pass }
            guard let verdict = judge(completed.map { out[$0] }, reference: reference) else { continue }
            for i in completed where key(out[i]) != verdict.expected {
                out[i].status = .wrongCode
                out[i].reason = "checksum \(key(out[i])), expected \(verdict.expected) (\(verdict.basis): \(verdict.agreeing))"
            }
            wrong.append(fixture)
        }
        return Result(records: out, wrongCode: wrong, generatorTrouble: trouble)
    }

    /// The expected checksum when the completed cells disagree; nil when they agree.
    static func judge(_ cells: [CellRecord], reference: ReferenceCells?) -> (expected: String, basis: String, agreeing: String)? {
        let groups = group(cells)
        guard groups.count > 1 else { return nil }
        var basis = "the majority"
        var chosen = groups[0]
        if let reference {
            let refGroups = group(cells.filter(reference.matches))
            if let top = refGroups.first, let g = groups.first(where: { $0.key == top.key }) {
                chosen = g
                basis = "the reference \(reference.description)"
                if refGroups.count > 1 { basis += ", whose own cells disagree" }
            } else {
                basis = "the majority (no reference cell \(reference.description) completed)"
            }
        } else if groups[1].cells.count == groups[0].cells.count {
            basis = "a tie, the first group in run order"
        }
        return (chosen.key, basis, describe(chosen.cells))
    }

    /// Largest group first; ties in run order.
    private static func group(_ cells: [CellRecord]) -> [(key: String, cells: [CellRecord])] {
        var groups: [(key: String, cells: [CellRecord])] = []
        for c in cells {
            if let i = groups.firstIndex(where: { $0.key == key(c) }) { groups[i].cells.append(c) } else { groups.append((key(c), [c])) }
        }
        return groups.enumerated().sorted { a, b in
            a.element.cells.count != b.element.cells.count ? a.element.cells.count > b.element.cells.count : a.offset < b.offset
        }.map(\.element)
    }

    /// `5 cells agree: gcc/x86_64/static/O2, clang/i686/static/O2, gcc/i686/static/O2 and 2 more`.
    private static func describe(_ cells: [CellRecord]) -> String {
        let named = cells.prefix(namedCells).map(\.configuration).joined(separator: ", ")
        let more = cells.count > namedCells ? " and \(cells.count - namedCells) more" : ""
        return "\(cells.count) cell\(cells.count == 1 ? "" : "s") agree\(cells.count == 1 ? "s" : ""): \(named)\(more)"
    }

    /// The checksum, or the whole output when the program printed none.
    static func key(_ r: CellRecord) -> String { r.checksum ?? "(no checksum: '\(r.stdout.prefix(40))')" }

    /// The cell got as far as running its program.
    private static func reachedRun(_ r: CellRecord) -> Bool {
        [.pass, .fail, .crash, .timeout, .wrongCode, .flaky].contains(r.status) && r.commands.contains { $0.step == .run }
    }
}
