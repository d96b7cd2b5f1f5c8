/// The cells of a matrix over a set of fixtures, in a stable order, grouped into build units.
package struct Plan: Sendable {
    package var cells: [Cell]

    /// Fixture, then compiler, target, opt and link in matrix order. Excluded cells are left out;
    /// cells whose annotations rule them out stay, marked unsupported with the reason.
    package static func make(matrix: Matrix, fixtures: [Fixture], filter: CellFilter? = nil) -> Plan {
        var cells: [Cell] = []
        for fixture in fixtures {
            for compiler in matrix.compilers {
                for target in matrix.targets {
                    for opt in matrix.opts {
                        for link in matrix.links {
                            var cell = Cell(fixture: fixture, compiler: compiler, target: target, link: link, opt: opt)
                            if matrix.exclude.contains(where: {
                                $0.matches(fixture: fixture.name, compiler: compiler.name, target: target.name, link: link, optID: cell.optID)
                            }) { continue }
                            if let filter, !filter.matches(cell.id) { continue }
                            cell.unsupported = Applicability.unsupportedReason(cell, matrix: matrix)
                            cells.append(cell)
                        }
                    }
                }
            }
        }
        return Plan(cells: cells)
    }

    /// Consecutive cells that differ only in link mode.
    package var units: [BuildUnit] {
        var units: [BuildUnit] = []
        var index: [String: Int] = [:]
        for cell in cells {
            let key = "\(cell.fixture.name)/\(cell.compiler.name)/\(cell.target.name)/\(cell.optID)"
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

/// `--filter`: a glob (`*`, `?`) over the cell id when it has one, else a substring of it.
package struct CellFilter: Sendable {
    package var pattern: String

    package init(_ pattern: String) { self.pattern = pattern }

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
