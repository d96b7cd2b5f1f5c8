import Model

/// Wrong-code seeds, listed first in every report (docs/random-programs.md): each seed with the configurations
/// whose checksum differs; and the seeds of generator trouble, apart.
package enum WrongCodeSummary {
    package struct Seed: Sendable, Equatable {
        package var fixture: String
        /// The wrong-code cells of the seed, in run order.
        package var cells: [CellRecord]
        /// `checksum 1A2B, expected 3C4D (...)` of the first one.
        package var reason: String
    }

    /// Seeds with a wrong-code cell, in run order.
    package static func seeds(_ records: [CellRecord]) -> [Seed] {
        var order: [String] = []
        var cells: [String: [CellRecord]] = [:]
        for r in records where r.status == .wrongCode {
            if cells[r.fixture] == nil { order.append(r.fixture) }
            cells[r.fixture, default: []].append(r)
        }
        return order.compactMap { f in cells[f].map { Seed(fixture: f, cells: $0, reason: $0.first?.reason ?? "") } }
    }

    /// Configurations and their checksums: `gcc/x86_64/static/O2 (1A2B), ...`.
    package static func configurations(_ seed: Seed) -> String {
        seed.cells.map { "\($0.configuration) (\($0.checksum ?? "no checksum"))" }.joined(separator: ", ")
    }

    /// The terminal's lines after the grid; empty when nothing is wrong and no seed is in trouble.
    package static func render(_ records: [CellRecord], generatorTrouble: [UInt64], reportPath: String? = nil) -> String {
        var text = ""
        let wrong = seeds(records)
        if !wrong.isEmpty {
            text += "wrong code in \(wrong.count) seed\(wrong.count == 1 ? "" : "s"):\n"
            for s in wrong {
                text += "  \(s.fixture): \(configurations(s))\n    \(s.reason)\n"
            }
            if let first = wrong.first?.cells.first {
                text += "to reduce one: toolgate reduce \(first.id)" + (reportPath.map { " --report \($0)" } ?? "") + "\n"
            }
        }
        if !generatorTrouble.isEmpty {
            text += "generator trouble (no cell completed: all timed out or crashed): seeds "
                + generatorTrouble.map(String.init).joined(separator: ", ") + "\n"
        }
        return text
    }
}
