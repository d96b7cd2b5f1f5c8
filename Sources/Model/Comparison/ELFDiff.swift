import ELFFacts

/// The changes between a cell's baseline binary and its new one. Each rule is a small predicate with its
/// reasoning beside it; the list of fields is docs/compare.md's table.
package enum ELFDiff {
    /// `sizeNoteThreshold`: a file size change smaller than this many percent (and not a regression) is no
    /// information at all: a rebuild by another compiler moves sizes by a few bytes in every cell.
    package static func compare(
        cell: String, old: ELFFacts, new: ELFFacts, sizeThreshold: Double, sizeNoteThreshold: Double = ComparisonOptions.defaultSizeNoteThreshold
    ) -> ChangeSet {
        var d = Diff(cell: cell)
        // A binary for another machine or class is not the same program any more.
        d.regressionIf(old.machine != new.machine, "machine", old.machine, new.machine, "machine changed")
        d.regressionIf(old.elfClass != new.elfClass, "class", "\(old.elfClass)", "\(new.elfClass)", "ELF class changed")
        // none < partial < full: a weaker RELRO leaves more of the GOT writable.
        d.regressionIf(rank(new.relro) < rank(old.relro), "relro", old.relro.rawValue, new.relro.rawValue, "RELRO weaker")
        d.lost(old.bindNow, new.bindNow, "bind_now", "BIND_NOW lost: symbols resolved lazily")
        d.lost(old.pie, new.pie, "pie", "no longer position independent")
        d.lost(old.nxStack, new.nxStack, "nx_stack", "stack became executable")
        d.regressionIf(!old.textrel && new.textrel, "textrel", "false", "true", "text relocations appeared")
        hardening(&d, old.hardening, new.hardening)
        // A new NEEDED entry is a new run-time dependency the target must provide.
        for lib in new.needed where !old.needed.contains(lib) {
            d.regression("needed", list(old.needed), list(new.needed), "new NEEDED entry '\(lib)'")
        }
        for lib in old.needed where !new.needed.contains(lib) {
            d.info("needed", list(old.needed), list(new.needed), "NEEDED entry '\(lib)' gone")
        }
        d.regressionIf(old.interpreter != new.interpreter, "interpreter", old.interpreter, new.interpreter, "interpreter changed")
        d.regressionIf(old.isStatic != new.isStatic, "static", "\(old.isStatic)", "\(new.isStatic)", "static linkage changed")
        // The link mode decides how libgcc arrives; a change means a driver ignored or added a flag.
        d.regressionIf(old.libgcc != new.libgcc, "libgcc", old.libgcc.rawValue, new.libgcc.rawValue, "libgcc linkage changed")
        glibc(&d, old.glibcMax, new.glibcMax)
        // A search path that appears or changes usually points into a build tree: a build-path leak.
        paths(&d, "rpath", old.rpath, new.rpath)
        paths(&d, "runpath", old.runpath, new.runpath)
        if old.buildID != nil, new.buildID == nil {
            d.regression("build_id", old.buildID, nil, "build-id note lost")
        } else if old.buildID != new.buildID {
            d.info("build_id", old.buildID, new.buildID, "build-id value changed")
        }
        size(&d, old.sizes.file, new.sizes.file, threshold: sizeThreshold, note: sizeNoteThreshold)
        if old.comment != new.comment { d.info("comment", list(old.comment), list(new.comment), ".comment strings changed") }
        if old.debug.producers != new.debug.producers {
            d.info("debug.producers", list(old.debug.producers), list(new.debug.producers), "DW_AT_producer strings changed")
        }
        return d.set
    }

    private static func rank(_ r: Relro) -> Int {
        switch r {
        case .none: 0
        case .partial: 1
        case .full: 2
        }
    }

    /// A verdict that was "yes" and is not any more: the protection is gone, or nothing shows it is there.
    private static func hardening(_ d: inout Diff, _ old: Hardening, _ new: Hardening) {
        for check in HardeningCheck.allCases {
            let before = old[check], after = new[check]
            guard before.state == .yes && after.state != .yes else { continue }
            d.regression(
                "hardening.\(check.name)", before.state.rawValue, after.state.rawValue, "\(check.label) lost: \(after.evidence)")
        }
    }

    /// Raised means the binary needs a newer glibc than before; compared numerically (2.10 > 2.9).
    private static func glibc(_ d: inout Diff, _ old: String?, _ new: String?) {
        guard old != new else { return }
        let o = old.flatMap(GlibcVersion.components), n = new.flatMap(GlibcVersion.components)
        if let n, o.map({ $0.lexicographicallyPrecedes(n) }) ?? true {
            d.regression("glibc_max", old, new, "needs a newer glibc")
        } else {
            d.info("glibc_max", old, new, "glibc requirement lowered")
        }
    }

    private static func paths(_ d: inout Diff, _ field: String, _ old: [String], _ new: [String]) {
        guard old != new else { return }
        if new.isEmpty {
            d.info(field, list(old), nil, "\(field.uppercased()) removed")
        } else {
            d.regression(field, old.isEmpty ? nil : list(old), list(new),
                old.isEmpty ? "\(field.uppercased()) appeared (a build-path leak?)" : "\(field.uppercased()) changed")
        }
    }

    private static func size(_ d: inout Diff, _ old: Int, _ new: Int, threshold: Double, note: Double) {
        guard old != new, old > 0 else { return }
        // In Double: `new - old` overflowed for sizes far apart (a hostile report's, not a real binary's).
        let percent = (Double(new) - Double(old)) * 100 / Double(old)
        let shown = (percent * 10).rounded() / 10
        if percent > threshold {
            d.regression("sizes.file", "\(old)", "\(new)", "file grew \(shown) % (threshold \(threshold) %)")
        } else if abs(percent) < note {
            return
        } else {
            d.info("sizes.file", "\(old)", "\(new)", percent > 0 ? "file grew \(shown) %" : "file shrank \(-shown) %")
        }
    }

    private static func list(_ items: [String]) -> String { items.joined(separator: ", ") }
}

/// Collects changes for one cell.
private struct Diff {
    let cell: String
    var set = ChangeSet()

    mutating func regression(_ field: String, _ before: String?, _ after: String?, _ evidence: String) {
        set.regressions.append(Change(cell: cell, kind: .elf, field: field, before: before, after: after, evidence: evidence))
    }

    mutating func info(_ field: String, _ before: String?, _ after: String?, _ evidence: String) {
        set.information.append(Change(cell: cell, kind: .elf, field: field, before: before, after: after, evidence: evidence))
    }

    mutating func regressionIf(_ condition: Bool, _ field: String, _ before: String?, _ after: String?, _ evidence: String) {
        if condition { regression(field, before, after, evidence) }
    }

    mutating func lost(_ before: Bool, _ after: Bool, _ field: String, _ evidence: String) {
        if before && !after { regression(field, "true", "false", evidence) }
    }
}
