import Model

/// The final compact grid: one row per fixture, one column per configuration, one character per cell.
package enum ResultGrid {
    package static func render(_ records: [CellRecord]) -> String {
        var configs: [String] = []
        var fixtures: [String] = []
        var cells: [String: CellStatus] = [:]
        // Sets beside the arrays: `contains` on the arrays made 10,000 cells quadratic.
        var seenConfigs = Set<String>(), seenFixtures = Set<String>()
        for r in records {
            if seenConfigs.insert(r.configuration).inserted { configs.append(r.configuration) }
            if seenFixtures.insert(r.fixture).inserted { fixtures.append(r.fixture) }
            cells["\(r.fixture) \(r.configuration)"] = r.status
        }
        guard !configs.isEmpty else { return "" }
        let width = max(8, fixtures.map(\.count).max() ?? 0) + 1
        let parts = configs.map { $0.split(separator: "/").map(String.init) }
        var lines: [String] = []
        // Header rows (compiler, target, link, opt): a name is written where its group starts, and may run
        // over the columns of its group; the opt row is left out when there is one opt level.
        let total = width + configs.count * 3 + 12
        let rows = Set(parts.map { $0[3] }).count == 1 ? 3 : 4
        for row in 0..<rows {
            var buffer = Array(pad(["compiler", "target", "link", "opt"][row], width)) + Array(repeating: Character(" "), count: total - width)
            var previousGroup = ""
            var freeFrom = width
            for (i, p) in parts.enumerated() {
                let group = p.prefix(row + 1).joined(separator: "/")
                defer { previousGroup = group }
                guard group != previousGroup || row >= 2 else { continue }
                let text = Array(row == 2 ? abbreviate(p[row]) : p[row])
                let at = max(width + i * 3 + (row >= 2 ? 0 : 1), freeFrom)
                for (k, ch) in text.enumerated() where at + k < buffer.count { buffer[at + k] = ch }
                freeFrom = at + text.count + 1
            }
            lines.append(trimRight(String(buffer)))
        }
        for f in fixtures {
            var line = pad(f, width)
            for c in configs { line += " " + String(cells["\(f) \(c)"]?.symbol ?? " ") + " " }
            lines.append(trimRight(line))
        }
        lines.append("legend: . pass  ~ flaky  F fail  W wrong-code  C crash  T timeout  E compile-error  L link-error  P policy  - unsupported  s skipped")
        lines.append("links: sh shared-libgcc, sl static-libgcc, st static")
        return lines.joined(separator: "\n") + "\n"
    }

    static func abbreviate(_ link: String) -> String {
        switch link {
        case "shared-libgcc": "sh"
        case "static-libgcc": "sl"
        case "static": "st"
        default: String(link.prefix(2))
        }
    }

    private static func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
    private static func trimRight(_ s: String) -> String {
        var s = s
        while s.last == " " { s.removeLast() }
        return s
    }
}

