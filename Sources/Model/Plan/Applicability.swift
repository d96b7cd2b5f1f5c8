/// Decides from a fixture's annotations whether a cell can run at all, and says why not.
enum Applicability {
    static func unsupportedReason(_ cell: Cell, matrix: Matrix) -> String? {
        let a = cell.fixture.annotations
        for r in a.requirements {
            switch r {
            case .cxx, .threads:
                continue
            case .int128:
                if cell.target.elfClass != 64 { return "needs __int128, which \(cell.target.name) (\(cell.target.elfClass)-bit) lacks" }
            case .targets(let names):
                if !names.contains(cell.target.name) { return "requires target=\(names.joined(separator: ","))" }
            case .links(let names):
                if !names.contains(cell.link.rawValue) { return "requires link=\(names.joined(separator: ","))" }
            case .compilers(let names):
                if !names.contains(where: { compilerMatches($0, cell.compiler.name) }) {
                    return "requires compiler=\(names.joined(separator: ","))"
                }
            }
        }
        for line in a.unsupported where line.allSatisfy({ matches($0, cell) }) {
            return "UNSUPPORTED: " + line.map { "\($0.axis.rawValue)=\($0.values.joined(separator: ","))" }.joined(separator: " ")
        }
        if cell.link == .fullyStatic, let lib = cell.fixture.linkedLibraries.first {
            return "a fully static program cannot link the shared library lib\(lib).so"
        }
        for source in cell.fixture.sources {
            if let other = source.buildWith, !matrix.compilers.contains(where: { compilerMatches(other, $0.name) }) {
                return "\(source.fileName) is BUILD-WITH '\(other)', which is not a compiler of the matrix"
            }
        }
        return nil
    }

    /// `gcc` matches the matrix compiler `gcc` and `gcc-14`.
    static func compilerMatches(_ wanted: String, _ name: String) -> Bool {
        name == wanted || name.hasPrefix(wanted + "-")
    }

    private static func matches(_ c: Condition, _ cell: Cell) -> Bool {
        switch c.axis {
        case .target: c.values.contains(cell.target.name)
        case .link: c.values.contains(cell.link.rawValue)
        case .compiler: c.values.contains(where: { compilerMatches($0, cell.compiler.name) })
        case .opt: c.values.contains(where: { OptLevel.id(of: $0) == cell.optID })
        }
    }
}
