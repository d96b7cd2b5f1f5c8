import Foundation

/// `[compilers.NAME]` tables and their `[compilers.NAME.targets.TARGET]` overrides.
enum CompilerDecoder {
    static let keys = ["cc", "cxx", "targets"] + TableReader.flagKeys
    static let overrideKeys = ["cc", "cxx", "sysroot"] + TableReader.flagKeys

    static func decode(
        _ reader: TableReader?, top: TableReader, targets: [String], matrixDirectory: String = ""
    ) throws(MatrixError) -> [CompilerSpec] {
        guard let reader else { throw top.error("the matrix has no [compilers.NAME] table; add e.g. [compilers.gcc]", at: nil) }
        var compilers: [CompilerSpec] = []
        for (name, table) in try reader.subtables() {
            try table.allowOnly(keys)
            guard let cc = try table.string("cc") else {
                throw table.error("\(table.name) needs 'cc', the C compiler driver", at: table.location)
            }
            let cxx = try table.string("cxx") ?? defaultCxx(for: cc)
            var overrides: [String: CompilerSpec.TargetOverride] = [:]
            if let perTarget = try table.subtable("targets") {
                for (targetName, sub) in try perTarget.subtables() {
                    guard targets.contains(targetName) else {
                        var message = "unknown target '\(targetName)' in \(perTarget.name)"
                        if let near = EditDistance.nearest(to: targetName, in: targets) {
                            message += "; did you mean '\(near)'?"
                        } else {
                            message += "; the matrix's targets are \(EnglishList.or(targets).replacingAnd())"
                        }
                        throw sub.error(message, at: sub.location)
                    }
                    try sub.allowOnly(overrideKeys)
                    overrides[targetName] = CompilerSpec.TargetOverride(
                        cc: try sub.string("cc"), cxx: try sub.string("cxx"), flags: try sub.flagSet(),
                        sysroot: try sub.sysroot(matrixDirectory: matrixDirectory))
                }
            }
            compilers.append(CompilerSpec(name: name, cc: cc, cxx: cxx, flags: try table.flagSet(), targets: overrides))
        }
        if compilers.isEmpty { throw top.error("the matrix has no compilers; add e.g. [compilers.gcc]", at: reader.location) }
        return compilers
    }

    /// gcc → g++, clang-19 → clang++-19, aarch64-linux-gnu-gcc → aarch64-linux-gnu-g++.
    static func defaultCxx(for cc: String) -> String {
        if let r = cc.range(of: "clang", options: .backwards) { return cc.replacingCharacters(in: r, with: "clang++") }
        if let r = cc.range(of: "gcc", options: .backwards) { return cc.replacingCharacters(in: r, with: "g++") }
        return cc
    }
}

private extension String {
    /// "a or b" reads wrong for a list of what exists: "a and b".
    func replacingAnd() -> String { replacingOccurrences(of: " or ", with: " and ") }
}
