import ELFFacts

/// `inspect` for people: a compact block per file, one fact per line, aligned.
package enum InspectTable {
    package static func block(_ result: InspectResult) -> String {
        switch result {
        case .failure(_, let error):
            return "error: \(error)\n"
        case .facts(let f):
            var rows: [(String, String)] = [
                ("file", "ELF\(f.elfClass) \(f.machine) \(f.type.rawValue), \(f.sizes.file) bytes"
                    + " (code \(f.sizes.code), data \(f.sizes.data), bss \(f.sizes.bss))"),
                ("linkage", linkage(f)),
                ("interpreter", f.interpreter ?? "-"),
                ("needed", list(f.needed)),
            ]
            if let soname = f.soname { rows.append(("soname", soname)) }
            if !f.rpath.isEmpty { rows.append(("rpath", f.rpath.joined(separator: ":"))) }
            if !f.runpath.isEmpty { rows.append(("runpath", f.runpath.joined(separator: ":"))) }
            rows += [
                ("hardening", "relro \(f.relro.rawValue), bind_now \(yn(f.bindNow)), nx_stack \(yn(f.nxStack)), textrel \(yn(f.textrel))"),
                ("", f.hardening.verdicts.map { "\($0.check.name) \($0.verdict.state.rawValue)" }.joined(separator: ", ")),
                ("libgcc", f.libgcc.rawValue),
                ("glibc_max", f.glibcMax ?? "-"),
            ]
            // JSON's x86_isa_needed; a label no wider than "interpreter" keeps every table's alignment.
            if let isa = f.x86IsaNeeded { rows.append(("isa_needed", isa.joined(separator: ", "))) }
            rows += [
                ("build_id", f.buildID ?? "-"),
            ]
            if !f.comment.isEmpty { rows.append(("comment", f.comment.joined(separator: " | "))) }
            rows.append(("debug", debug(f)))
            for w in f.warnings { rows.append(("warning", w)) }
            let width = rows.map(\.0.count).max() ?? 0
            var out = "\(f.path)\n"
            for (key, value) in rows {
                out += "  " + key + String(repeating: " ", count: width - key.count) + "  " + value + "\n"
            }
            return out
        }
    }

    private static func linkage(_ f: ELFFacts) -> String {
        var parts: [String] = [f.isStatic ? "static" : "dynamic"]
        if f.pie { parts.append("pie") }
        if f.isStatic && f.type == .dyn { parts.append("static-pie") }
        return parts.joined(separator: ", ")
    }

    private static func debug(_ f: ELFFacts) -> String {
        var s = f.debug.unavailable ?? (
            "DWARF \(f.debug.dwarfVersions.map(String.init).joined(separator: ","))"
            + " \(f.debug.languages.joined(separator: ",")); " + f.debug.producers.joined(separator: " | "))
        if !f.compressedSections.isEmpty {
            s += " [compressed: " + f.compressedSections.map { "\($0.name) \($0.type.rawValue)" }.joined(separator: ", ") + "]"
        }
        return s
    }

    private static func list(_ items: [String]) -> String { items.isEmpty ? "-" : items.joined(separator: " ") }
    private static func yn(_ b: Bool) -> String { b ? "yes" : "no" }
}
