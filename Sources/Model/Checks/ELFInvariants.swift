import ELFFacts

/// The built-in ELF checks every cell's binary must pass, and the fixture's own ELF-* expectations.
/// Each predicate is small and says why it holds (elfclassify's habit).
package enum ELFInvariants {
    package static let libgccShared = "libgcc_s.so.1"

    /// A binary for another machine or class is not a program of this target at all: it is not run.
    package static func foreignBinary(_ facts: ELFFacts, target: TargetSpec) -> Violation? {
        if facts.machine != target.machine || facts.elfClass != target.elfClass {
            return Violation(
                "machine",
                "binary is \(facts.machine) (\(facts.elfClass)-bit); target \(target.name) expects \(target.machine) (\(target.elfClass)-bit)")
        }
        return nil
    }

    package static func check(_ facts: ELFFacts, cell: Cell) -> [Violation] {
        var out: [Violation] = []
        if let foreign = foreignBinary(facts, target: cell.target) { out.append(foreign) }
        switch cell.link {
        case .fullyStatic:
            // -static: the kernel maps the program alone; any interpreter or NEEDED entry means it was not static.
            if let interp = facts.interpreter { out.append(Violation("static", "static binary has an interpreter '\(interp)'")) }
            if !facts.needed.isEmpty {
                out.append(Violation("static", "static binary needs \(facts.needed.joined(separator: ", "))"))
            }
        case .staticLibgcc:
            // -static-libgcc copies libgcc's unwinder in; a NEEDED libgcc_s.so.1 means the flag did not take.
            if facts.needed.contains(libgccShared) {
                out.append(Violation("libgcc", "static-libgcc binary needs \(libgccShared)"))
            }
        case .sharedLibgcc:
            // C++ unwinds through libgcc_s: with -shared-libgcc it must be a NEEDED entry.
            if cell.fixture.isCxx, !facts.needed.contains(libgccShared) {
                out.append(Violation("libgcc", "shared-libgcc C++ binary does not need \(libgccShared)"))
            }
        }
        if cell.link != .fullyStatic {
            // A dynamic program must name the target's glibc loader, or it will not start on the target.
            if facts.interpreter != cell.target.loader {
                out.append(Violation(
                    "interpreter", "interpreter is \(facts.interpreter.map { "'\($0)'" } ?? "missing"); target \(cell.target.name) expects '\(cell.target.loader)'"))
            }
        }
        out += expectations(facts, cell: cell)
        return out
    }

    private static func expectations(_ facts: ELFFacts, cell: Cell) -> [Violation] {
        var out: [Violation] = []
        for e in cell.fixture.annotations.elf where e.applies(to: cell.target.name) {
            switch e.kind {
            case .needed where !facts.needed.contains(e.value):
                out.append(Violation("ELF-NEEDED", "binary does not need \(e.value); it needs [\(facts.needed.joined(separator: ", "))]"))
            case .notNeeded where facts.needed.contains(e.value):
                out.append(Violation("ELF-NOT-NEEDED", "binary needs \(e.value)"))
            case .interpreter where facts.interpreter != e.value:
                out.append(Violation("ELF-INTERP", "interpreter is \(facts.interpreter ?? "missing"), expected \(e.value)"))
            case .isStatic where facts.isStatic != (e.value == "yes"):
                out.append(Violation("ELF-STATIC", "binary is \(facts.isStatic ? "" : "not ")static, expected ELF-STATIC: \(e.value)"))
            default:
                continue
            }
        }
        return out
    }
}
