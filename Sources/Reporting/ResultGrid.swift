import Model

/// The final compact grid: one row per fixture, one column per configuration, one character per cell.
package enum ResultGrid {
    /// `axes`: the configuration's axes in id order (PlanAxes.configurationAxisNames), one header row each.
    package static func render(_ records: [CellRecord], axes: [String] = ["compiler", "target", "link", "opt"]) -> String {
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
        // Header rows (compiler, target, link, opt, then each declared axis): a name is written where its
        // group starts, and may run over the columns of its group; the opt row is left out when there is
        // one opt level. Rows from link on name every column (abbreviated to fit).
        let total = width + configs.count * 3 + 12
        let depth = parts.map(\.count).min() ?? 0
        let names = (0..<depth).map { $0 < axes.count ? axes[$0] : "axis \($0 + 1)" }
        let rows = (0..<depth).filter { !($0 == 3 && Set(parts.map { $0[3] }).count == 1) }
        // Declared axes get two-letter names unique within the axis, with a legend line each.
        var short: [Int: [String: String]] = [:]
        for row in rows where row >= 4 {
            var values: [String] = []
            for p in parts where !values.contains(p[row]) { values.append(p[row]) }
            short[row] = uniqueAbbreviations(values)
        }
        for row in rows {
            var buffer = Array(pad(names[row], width)) + Array(repeating: Character(" "), count: total - width)
            var previousGroup = ""
            var freeFrom = width
            for (i, p) in parts.enumerated() {
                let group = p.prefix(row + 1).joined(separator: "/")
                defer { previousGroup = group }
                guard group != previousGroup || row >= 2 else { continue }
                let text = Array(row == 2 ? abbreviate(p[row]) : short[row]?[p[row]] ?? p[row])
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
        for row in rows where row >= 4 {
            guard let map = short[row] else { continue }
            var seen: [String] = []
            for p in parts where !seen.contains(p[row]) { seen.append(p[row]) }
            lines.append("\(names[row]): " + seen.map { "\(map[$0] ?? $0) \($0)" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Two characters per value, distinct within `values`: the first two letters, else the first and a
    /// later one, else the first and a digit.
    static func uniqueAbbreviations(_ values: [String]) -> [String: String] {
        var out: [String: String] = [:]
        var taken = Set<String>()
        for v in values {
            let chars = Array(v)
            var candidates = chars.count >= 2 ? (1..<chars.count).map { String([chars[0], chars[$0]]) } : [v]
            candidates += (1...9).map { "\(chars.first.map(String.init) ?? "")\($0)" }
            let pick = candidates.first { !taken.contains($0) } ?? v
            taken.insert(pick)
            out[v] = pick
        }
        return out
    }

    /// A column is 3 characters: a link mode is written in 2.
    static func abbreviate(_ value: String) -> String {
        switch value {
        case "shared-libgcc": "sh"
        case "static-libgcc": "sl"
        case "static": "st"
        default: String(value.prefix(2))
        }
    }

    private static func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
    private static func trimRight(_ s: String) -> String {
        var s = s
        while s.last == " " { s.removeLast() }
        return s
    }
}

