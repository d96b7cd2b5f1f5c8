/// `[axes.NAME]` tables and `axis_order` (docs/matrix.md "Axes"). Every error names the file, line and
/// column of the offending key or value.
enum AxisDecoder {
    static let axisKeys = ["phase"]
    static let valueKeys = [
        "flags", "cflags", "cxxflags", "ldflags", "features", "compilers", "targets",
        "needed_includes", "needed_excludes", "cxx_needed_includes", "interpreter", "static", "provided_by",
    ]

    static func decode(_ top: TableReader, compilers: [String], targets: [String]) throws(MatrixError) -> [Axis] {
        var declared: [(Axis, SourceLocation?)] = []
        if let tables = try top.subtable("axes") {
            if let stray = tables.table.entries.first(where: { if case .table = $0.node.value { false } else { true } }) {
                throw top.error("'axes.\(stray.key)' must be a table ([axes.\(stray.key)]), found \(stray.node.value.typeName)", at: stray.keyLocation)
            }
            for (name, reader) in try tables.subtables() {
                declared.append((try axis(name, reader, compilers: compilers, targets: targets), reader.location))
            }
        }
        guard let order = try top.stringArrayNodes("axis_order") else { return declared.map(\.0) }
        var ordered: [Axis] = []
        for (name, at) in order {
            guard let axis = declared.first(where: { $0.0.name == name })?.0 else {
                var message = "unknown axis '\(name)' in 'axis_order'"
                if Axis.builtInNames.contains(name) {
                    message += "; \(name) is a built-in axis, always first in cell ids"
                } else if let near = EditDistance.nearest(to: name, in: declared.map(\.0.name)) {
                    message += "; did you mean '\(near)'?"
                } else {
                    message += declared.isEmpty ? "; the matrix declares no [axes.*] table" : "; declared: \(declared.map(\.0.name).joined(separator: ", "))"
                }
                throw top.error(message, at: at)
            }
            if ordered.contains(where: { $0.name == name }) { throw top.error("axis '\(name)' is named twice in 'axis_order'", at: at) }
            ordered.append(axis)
        }
        if let missing = declared.first(where: { d in !ordered.contains(where: { $0.name == d.0.name }) }) {
            throw top.error("axis '\(missing.0.name)' is declared but not in 'axis_order'; add it, or remove its table", at: missing.1)
        }
        return ordered
    }

    private static func axis(_ name: String, _ reader: TableReader, compilers: [String], targets: [String]) throws(MatrixError) -> Axis {
        if Axis.builtInNames.contains(name) {
            throw reader.error("'\(name)' is a built-in axis; its values come from the matrix's '\(name)' key, not [axes.\(name)]", at: reader.location)
        }
        guard isName(name) else {
            throw reader.error("axis name '\(name)' must be letters, digits, '-' or '_'", at: reader.location)
        }
        guard let phaseName = try reader.string("phase"), let phaseAt = reader.table["phase"]?.location else {
            throw reader.error("\(reader.name) has no 'phase'; expected phase = \"compile\" or \"link\"", at: reader.location)
        }
        guard let phase = Axis.Phase(rawValue: phaseName) else {
            throw reader.error("unknown phase '\(phaseName)' in \(reader.name); expected \(EnglishList.or(Axis.Phase.allCases.map { "'\($0.rawValue)'" }))", at: phaseAt)
        }
        var values: [AxisValue] = []
        for entry in reader.table.entries where entry.key != "phase" {
            guard case .table(let t) = entry.node.value else {
                throw reader.error(
                    "'\(entry.key)' in \(reader.name) must be a value table (\(entry.key) = { flags = [...] }), found \(entry.node.value.typeName)",
                    at: entry.keyLocation)
            }
            let valueReader = TableReader(table: t, file: reader.file, name: "[axes.\(name).\(entry.key)]", location: entry.keyLocation)
            values.append(try value(entry.key, valueReader, compilers: compilers, targets: targets))
        }
        if values.isEmpty { throw reader.error("\(reader.name) has no values", at: reader.location) }
        return Axis(name: name, phase: phase, values: values)
    }

    private static func value(_ name: String, _ r: TableReader, compilers: [String], targets: [String]) throws(MatrixError) -> AxisValue {
        // A value is a directory name under the unit's work directory and a part of the cell id.
        guard isName(name), name != "obj" else {
            throw r.error("value name '\(name)' must be letters, digits, '.', '+', '-' or '_' (and not 'obj')", at: r.location)
        }
        try r.allowOnly(valueKeys)
        var flags = try r.flagSet()
        flags.cflags = (try r.stringArray("flags") ?? []) + flags.cflags
        var v = AxisValue(name: name, flags: flags, features: try r.stringArray("features") ?? [])
        v.compilers = try r.stringArray("compilers")
        if let nodes = try r.stringArrayNodes("targets") {
            for (t, at) in nodes where !targets.contains(t) {
                var message = "unknown target '\(t)' in \(r.name)"
                if let near = EditDistance.nearest(to: t, in: targets) { message += "; did you mean '\(near)'?" }
                throw r.error(message, at: at)
            }
            v.targets = nodes.map(\.0)
        }
        if let nodes = try r.stringArrayNodes("compilers") {
            for (c, at) in nodes where !compilers.contains(where: { $0 == c || $0.hasPrefix(c + "-") }) {
                var message = "no compiler of the matrix is '\(c)' in \(r.name)"
                if let near = EditDistance.nearest(to: c, in: compilers) { message += "; did you mean '\(near)'?" }
                throw r.error(message, at: at)
            }
        }
        v.expectations += (try r.stringArray("needed_includes") ?? []).map { ValueExpectation(.needs($0)) }
        v.expectations += (try r.stringArray("cxx_needed_includes") ?? []).map { ValueExpectation(.needs($0), cxxOnly: true) }
        v.expectations += (try r.stringArray("needed_excludes") ?? []).map { ValueExpectation(.lacks($0)) }
        if let interp = try r.string("interpreter") { v.expectations.append(ValueExpectation(.interpreter(interp == "none" ? nil : interp))) }
        if let node = r.table["static"] {
            guard case .boolean(let yes) = node.value else { throw r.error("'static' must be true or false, found \(node.value.typeName)", at: node.location) }
            v.expectations.append(ValueExpectation(.isStatic(yes)))
        }
        v.providedBy = try providedBy(r, targets: targets)
        return v
    }

    /// `provided_by = "libc++-19-dev"`, or `provided_by = { i686 = "libc++-19-dev:i386" }`.
    private static func providedBy(_ r: TableReader, targets: [String]) throws(MatrixError) -> [String: String] {
        guard let node = r.table["provided_by"] else { return [:] }
        switch node.value {
        case .string(let package):
            return ["": package]
        case .table(let t):
            var out: [String: String] = [:]
            for entry in t.entries {
                guard targets.contains(entry.key) else {
                    throw r.error("unknown target '\(entry.key)' in 'provided_by' of \(r.name)", at: entry.keyLocation)
                }
                guard case .string(let package) = entry.node.value else {
                    throw r.error("'provided_by.\(entry.key)' must be a package name, found \(entry.node.value.typeName)", at: entry.node.location)
                }
                out[entry.key] = package
            }
            return out
        default:
            throw r.error("'provided_by' must be a package name or a table of target = package, found \(node.value.typeName)", at: node.location)
        }
    }

    static func isName(_ s: String) -> Bool {
        !s.isEmpty && !s.hasPrefix(".") && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.+".contains($0)) }
    }
}
