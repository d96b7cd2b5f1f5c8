extension Matrix {
    /// Every combination of the declared axes' values, the last axis varying fastest; one empty
    /// combination when the matrix declares none.
    package var axisCombinations: [[AxisChoice]] {
        var out: [[AxisChoice]] = [[]]
        for axis in axes {
            out = out.flatMap { prefix in axis.values.map { prefix + [AxisChoice(axis: axis.name, phase: axis.phase, value: $0)] } }
        }
        return out
    }

    /// `--axis NAME=V1,V2`: keeps only those values of the axis (a declared one, `link` or `opt`), in the
    /// matrix's order. Refuses an unknown axis or value, naming what there is.
    package mutating func narrow(_ argument: String) throws(MatrixError) {
        guard let eq = argument.firstIndex(of: "="), eq != argument.startIndex else {
            throw MatrixError(path: path, location: nil, message: "--axis '\(argument)' is not NAME=VALUE[,VALUE...]")
        }
        let name = String(argument[..<eq])
        let wanted = argument[argument.index(after: eq)...].split(separator: ",").map(String.init)
        guard !wanted.isEmpty else { throw MatrixError(path: path, location: nil, message: "--axis '\(argument)' names no value") }
        func check(_ known: [String]) throws(MatrixError) {
            for w in wanted where !known.contains(where: { $0 == w || (name == "opt" && OptLevel.id(of: $0) == w) }) {
                var message = "--axis \(name): unknown value '\(w)'; the matrix has \(known.joined(separator: ", "))"
                if let near = EditDistance.nearest(to: w, in: known) { message += "; did you mean '\(near)'?" }
                throw MatrixError(path: path, location: nil, message: message)
            }
        }
        switch name {
        case "link":
            try check(links.map(\.rawValue))
            links = links.filter { wanted.contains($0.rawValue) }
        case "opt":
            try check(opts)
            opts = opts.filter { o in wanted.contains(o) || wanted.contains(OptLevel.id(of: o)) }
        default:
            guard let i = axes.firstIndex(where: { $0.name == name }) else {
                let names = ["link", "opt"] + axes.map(\.name)
                var message = "--axis: the matrix has no axis '\(name)'; it has \(names.joined(separator: ", "))"
                if let near = EditDistance.nearest(to: name, in: names) { message += "; did you mean '\(near)'?" }
                throw MatrixError(path: path, location: nil, message: message)
            }
            try check(axes[i].values.map(\.name))
            axes[i].values = axes[i].values.filter { wanted.contains($0.name) }
        }
    }

    /// Every feature some value of a declared axis provides.
    package var declaredFeatures: Set<String> { Set(axes.flatMap { $0.values.flatMap(\.features) }) }
}
