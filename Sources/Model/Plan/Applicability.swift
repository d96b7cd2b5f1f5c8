/// Decides from a fixture's annotations and the cell's axis values whether a cell can run at all, and
/// says why not.
package enum Applicability {
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
            case .axisValues(let axis, let names):
                guard let value = cell.value(of: axis) else { return "requires \(axis)=\(names.joined(separator: ",")); the matrix has no axis '\(axis)'" }
                if !names.contains(value) { return "requires \(axis)=\(names.joined(separator: ","))" }
            case .feature(let name):
                if !cell.features.contains(name) {
                    let anywhere = matrix.declaredFeatures.contains(name)
                    return "requires feature '\(name)'" + (anywhere ? ", which no value of this cell provides" : ", which no axis value of the matrix provides")
                }
            }
        }
        for line in a.unsupported where line.allSatisfy({ matches($0, cell) }) {
            return "UNSUPPORTED: " + line.map { $0.name == "feature" ? $0.values.joined(separator: ",") : "\($0.name)=\($0.values.joined(separator: ","))" }
                .joined(separator: " ")
        }
        for choice in cell.choices {
            if let compilers = choice.value.compilers, !compilers.contains(where: { compilerMatches($0, cell.compiler.name) }) {
                return "\(choice.label) applies to compiler \(compilers.joined(separator: ", ")) only"
            }
            if let targets = choice.value.targets, !targets.contains(cell.target.name) {
                return "\(choice.label) applies to target \(targets.joined(separator: ", ")) only"
            }
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
    package static func compilerMatches(_ wanted: String, _ name: String) -> Bool {
        name == wanted || name.hasPrefix(wanted + "-")
    }

    private static func matches(_ c: Condition, _ cell: Cell) -> Bool {
        switch c.name {
        case "feature": return c.values.allSatisfy(cell.features.contains)
        case "compiler": return c.values.contains(where: { compilerMatches($0, cell.compiler.name) })
        case "opt": return c.values.contains(where: { OptLevel.id(of: $0) == cell.optID })
        default:
            guard let value = cell.value(of: c.name) else { return false }
            return c.values.contains(value)
        }
    }
}
