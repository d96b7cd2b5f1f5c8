/// `[targets.NAME]` tables: known names carry their machine, class and loader; others must say them.
enum TargetDecoder {
    static let keys = ["runner", "machine", "class", "loader", "sysroot"] + TableReader.flagKeys
        + ["cpu"]  // TargetCPU

    static func decode(_ reader: TableReader?, top: TableReader, matrixDirectory: String = "") throws(MatrixError) -> [TargetSpec] {
        guard let reader else { throw top.error("the matrix has no [targets.NAME] table; add e.g. [targets.x86_64]", at: nil) }
        var targets: [TargetSpec] = []
        for (name, table) in try reader.subtables() {
            try table.allowOnly(keys)
            let known = TargetSpec.known[name]
            let machine = try table.string("machine") ?? known?.machine
            let elfClass = try table.int("class") ?? known?.elfClass
            let loader = try table.string("loader") ?? known?.loader
            if let node = table.table["class"], let c = elfClass, c != 32 && c != 64 {
                throw table.error("'class' must be 32 or 64, found \(c)", at: node.location)
            }
            guard let machine, let elfClass, let loader else {
                var message = "unknown target '\(name)'; give its 'machine', 'class' and 'loader', or use \(EnglishList.or(TargetSpec.knownNames))"
                if let near = EditDistance.nearest(to: name, in: TargetSpec.knownNames) { message += " (did you mean '\(near)'?)" }
                throw table.error(message, at: table.location)
            }
            let cpu = try TargetCPU.decode(table)
            targets.append(TargetSpec(
                name: name, machine: machine, elfClass: elfClass, loader: loader,
                runner: try table.stringArray("runner") ?? [], flags: try table.flagSet(),
                explicitSysroot: try table.sysroot(matrixDirectory: matrixDirectory)))
            if let cpu { targets[targets.count - 1].apply(cpu) }
        }
        if targets.isEmpty { throw top.error("the matrix has no targets; add e.g. [targets.x86_64]", at: reader.location) }
        return targets
    }
}
