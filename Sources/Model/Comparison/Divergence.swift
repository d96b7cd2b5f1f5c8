/// One fixture whose cells printed different stdout in one run, where they should agree.
package struct Divergence: Sendable, Equatable {
    /// Cells that printed one and the same stdout.
    package struct Group: Sendable, Equatable {
        package var stdout: String
        package var cells: [String]
        /// The one axis every cell of this group differs in from a cell of the reference group (`rtlib`,
        /// `target`): what the difference comes down to; nil for the reference and where it is more than one.
        package var differsOnlyIn: String? = nil
    }

    package var fixture: String
    /// `all targets`, or the target when the fixture declares per-target output.
    package var scope: String
    /// Largest group first: the most common output is the reference the others are held against.
    package var groups: [Group]

    /// Where the `index`th group first differs from the reference, in a line.
    package func evidence(for index: Int) -> String {
        guard index > 0, index < groups.count else { return "" }
        return StdoutDifference.describe(groups[0].stdout, groups[index].stdout)
    }
}

/// Divergences among the cells of one run (docs/compare.md: "one run, no baseline").
package enum DivergenceFinder {
    package static func find(in cells: [CellRecord]) -> [Divergence] {
        var order: [String] = []
        var buckets: [String: (fixture: String, scope: String, cells: [CellRecord])] = [:]
        for c in cells where ran(c) {
            let perTarget = c.perTargetStdout ?? false
            let key = perTarget ? "\(c.fixture)\u{0}\(c.target)" : c.fixture
            if buckets[key] == nil {
                order.append(key)
                buckets[key] = (c.fixture, perTarget ? c.target : "all targets", [])
            }
            buckets[key]?.cells.append(c)
        }
        var out: [Divergence] = []
        for key in order {
            guard let bucket = buckets[key] else { continue }
            var groups: [Divergence.Group] = []
            for c in bucket.cells {
                if let i = groups.firstIndex(where: { $0.stdout == c.stdout }) {
                    groups[i].cells.append(c.id)
                } else {
                    groups.append(Divergence.Group(stdout: c.stdout, cells: [c.id]))
                }
            }
            guard groups.count > 1 else { continue }
            // Stable: larger groups first, ties in the run's order.
            let sorted = groups.enumerated().sorted { a, b in
                a.element.cells.count != b.element.cells.count ? a.element.cells.count > b.element.cells.count : a.offset < b.offset
            }.map(\.element)
            out.append(Divergence(fixture: bucket.fixture, scope: bucket.scope, groups: AxisDifference.label(sorted, cells: bucket.cells)))
        }
        return out
    }

    /// The program ran to an exit status: its stdout is the program's, not a crash's remains.
    private static func ran(_ c: CellRecord) -> Bool {
        (c.status == .pass || c.status == .fail) && c.exitCode != nil && c.commands.contains { $0.step == .run }
    }
}

/// Which single axis separates a divergence's groups: each cell's id split into its axes, matched against
/// the reference group's cells.
enum AxisDifference {
    static func label(_ groups: [Divergence.Group], cells: [CellRecord]) -> [Divergence.Group] {
        guard groups.count > 1 else { return groups }
        let byID = Dictionary(cells.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let reference = groups[0].cells.compactMap { byID[$0] }
        var out = groups
        for i in 1..<groups.count {
            var axes = Set<String>()
            for id in groups[i].cells {
                guard let c = byID[id] else { axes.insert("?"); continue }
                // A partner in the reference that differs in exactly one axis.
                let partners = reference.compactMap { r -> String? in
                    let d = differing(c, r)
                    return d.count == 1 ? d[0] : nil
                }
                if partners.isEmpty { axes.insert("?") } else { axes.formUnion(partners) }
            }
            out[i].differsOnlyIn = axes.count == 1 && !axes.contains("?") ? axes.first : nil
        }
        return out
    }

    /// The axes two cells of one fixture differ in, by name.
    static func differing(_ a: CellRecord, _ b: CellRecord) -> [String] {
        var out: [String] = []
        if a.compiler != b.compiler { out.append("compiler") }
        if a.target != b.target { out.append("target") }
        if a.link != b.link { out.append("link") }
        if a.opt != b.opt { out.append("opt") }
        for name in Set((a.axes ?? [:]).keys).union((b.axes ?? [:]).keys).sorted() where a.axes?[name] != b.axes?[name] {
            out.append(name)
        }
        return out
    }
}

/// The first line where two outputs differ, for evidence.
package enum StdoutDifference {
    package static func firstDifference(_ a: String, _ b: String) -> (line: Int, before: String?, after: String?)? {
        guard a != b else { return nil }
        let la = a.split(separator: "\n", omittingEmptySubsequences: false)
        let lb = b.split(separator: "\n", omittingEmptySubsequences: false)
        var i = 0
        while i < la.count, i < lb.count, la[i] == lb[i] { i += 1 }
        return (i + 1, i < la.count ? String(la[i]) : nil, i < lb.count ? String(lb[i]) : nil)
    }

    package static func describe(_ a: String, _ b: String) -> String {
        guard let d = firstDifference(a, b) else { return "same output" }
        return "line \(d.line): '\(d.before ?? "(end of output)")' vs '\(d.after ?? "(end of output)")'"
    }
}
