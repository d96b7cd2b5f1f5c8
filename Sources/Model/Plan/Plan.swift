/// The cells of a matrix over a set of fixtures, in a stable order, grouped into build units.
package struct Plan: Sendable {
    package var cells: [Cell]

    /// Fixture, then compiler, target, opt and link in matrix order, then the declared axes in
    /// `axis_order` (the last one varying fastest). Excluded cells are left out; cells whose annotations
    /// or axis values rule them out stay, marked unsupported with the reason.
    package static func make(matrix: Matrix, fixtures: [Fixture], filter: CellFilter? = nil) -> Plan {
        var cells: [Cell] = []
        let combinations = matrix.axisCombinations
        for fixture in fixtures {
            for compiler in matrix.compilers {
                for target in matrix.targets {
                    for opt in matrix.opts {
                        for link in matrix.links {
                            for choices in combinations {
                                var cell = Cell(fixture: fixture, compiler: compiler, target: target, link: link, opt: opt, choices: choices)
                                if matrix.exclude.contains(where: { $0.matches(cell) }) { continue }
                                if let filter, !filter.matches(cell) { continue }
                                cell.unsupported = Applicability.unsupportedReason(cell, matrix: matrix)
                                cells.append(cell)
                            }
                        }
                    }
                }
            }
        }
        return Plan(cells: cells)
    }

    /// Cells that share their objects (BuildUnit.key): every link mode and link-phase value of one
    /// fixture, compiler, target, opt level and set of compile-phase values.
    package var units: [BuildUnit] {
        var units: [BuildUnit] = []
        var index: [String: Int] = [:]
        for cell in cells {
            let key = BuildUnit.key(of: cell)
            if let i = index[key] {
                units[i].cells.append(cell)
            } else {
                index[key] = units.count
                units.append(BuildUnit(cells: [cell]))
            }
        }
        return units
    }

    package var fixtureNames: [String] {
        var seen: [String] = []
        for c in cells where !seen.contains(c.fixture.name) { seen.append(c.fixture.name) }
        return seen
    }
}

/// `--filter`: a glob (`*`, `?`) over the cell id when it has one, `AXIS=V1,V2` for the cells with one of
/// those values of an axis (built-in or declared), else a substring of the id.
package struct CellFilter: Sendable {
    package var pattern: String

    package init(_ pattern: String) { self.pattern = pattern }

    /// `rtlib=compiler-rt,libgcc` → ("rtlib", [...]); nil for a pattern of another form.
    var axisCondition: (axis: String, values: [String])? {
        guard !pattern.contains("*"), !pattern.contains("?"), !pattern.contains("/"), let eq = pattern.firstIndex(of: "=") else { return nil }
        let axis = String(pattern[..<eq])
        guard AxisDecoder.isName(axis) else { return nil }
        return (axis, pattern[pattern.index(after: eq)...].split(separator: ",").map(String.init))
    }

    package func matches(_ cell: Cell) -> Bool {
        if let (axis, values) = axisCondition {
            guard let value = cell.value(of: axis) else { return false }
            return values.contains(value) || (axis == "opt" && values.map { OptLevel.id(of: $0) }.contains(value))
        }
        return matches(cell.id)
    }

    /// A record of a report: the id, or for `AXIS=V` its value of that axis.
    package func matches(_ record: CellRecord) -> Bool {
        if let (axis, values) = axisCondition {
            let value: String? =
                switch axis {
                case "fixture": record.fixture
                case "compiler": record.compiler
                case "target": record.target
                case "link": record.link
                case "opt": record.opt
                default: record.axes?[axis]
                }
            guard let value else { return false }
            return values.contains(value) || (axis == "opt" && values.map { OptLevel.id(of: $0) }.contains(value))
        }
        return matches(record.id)
    }

    package func matches(_ id: String) -> Bool {
        if pattern.contains("*") || pattern.contains("?") { return Glob.matches(Array(pattern), Array(id)) }
        return id.contains(pattern)
    }
}

enum Glob {
    static func matches(_ p: [Character], _ s: [Character]) -> Bool {
        var pi = 0, si = 0, star = -1, mark = 0
        while si < s.count {
            if pi < p.count, p[pi] == "?" || p[pi] == s[si] {
                pi += 1
                si += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi
                mark = si
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                si = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
