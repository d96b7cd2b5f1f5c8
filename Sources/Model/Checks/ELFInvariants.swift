import ELFFacts

/// The built-in ELF checks every cell's binary must pass, and the fixture's own ELF-* expectations.
/// Each predicate is small and says why it holds (elfclassify's habit).
///
/// What a binary must need, lack or name as its interpreter is declared by the cell's axis values: the
/// link mode's (LinkMode+Expectations), then each declared axis's in cell-id order. Where two speak of
/// the same subject the later wins, so `rtlib=compiler-rt`'s "lacks libgcc_s.so.1" replaces
/// `link=shared-libgcc`'s "needs libgcc_s.so.1".
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
        let rules = effective(cell)
        // A static program has no NEEDED to hold a library: "needs" claims are for dynamic programs.
        let expectsStatic = rules.contains { $0.expectation.claim == .isStatic(true) || $0.expectation.claim == .interpreter(nil) }
        for rule in rules {
            if case .needs = rule.expectation.claim, expectsStatic { continue }
            if let v = violation(of: rule, facts, cell: cell) { out.append(v) }
        }
        out += expectations(facts, cell: cell)
        return out
    }

    /// One expectation in force for a cell, where it came from, and what it replaced.
    package struct Rule: Sendable, Equatable {
        package var expectation: ValueExpectation
        /// `link=static`, `rtlib=compiler-rt`.
        package var source: String
        package var replaced: (source: String, summary: String)?

        package static func == (a: Rule, b: Rule) -> Bool {
            a.expectation == b.expectation && a.source == b.source && a.replaced?.source == b.replaced?.source
                && a.replaced?.summary == b.replaced?.summary
        }

        package var applied: AppliedExpectation {
            AppliedExpectation(expect: expectation.summary, from: source, overrides: replaced.map { "\($0.source): \($0.summary)" })
        }
    }

    /// The expectations in force for the cell, one per subject, in the order their subjects first came.
    package static func effective(_ cell: Cell) -> [Rule] {
        let sources = [("link=\(cell.link.rawValue)", cell.link.expectations)] + cell.choices.map { ($0.label, $0.value.expectations) }
        var rules: [Rule] = []
        for (source, list) in sources {
            for e in list where !e.cxxOnly || cell.fixture.isCxx {
                if let i = rules.firstIndex(where: { $0.expectation.subject == e.subject }) {
                    let old = rules[i]
                    let replaced = old.source == source ? old.replaced : (old.source, old.expectation.summary)
                    rules[i] = Rule(expectation: e, source: source, replaced: old.expectation == e ? old.replaced : replaced)
                } else {
                    rules.append(Rule(expectation: e, source: source))
                }
            }
        }
        return rules
    }

    private static func violation(of rule: Rule, _ facts: ELFFacts, cell: Cell) -> Violation? {
        // The link modes keep the checks and words reports have always had (old baselines compare).
        let builtIn = rule.source.hasPrefix("link=")
        let mode = cell.link.rawValue
        let blame = builtIn ? "" : "; \(rule.source) expects it" + (rule.replaced.map { " (over \($0.source))" } ?? "")
        switch rule.expectation.claim {
        case .needs(let lib) where !facts.needed.contains(lib):
            if builtIn { return Violation("libgcc", "\(mode) C++ binary does not need \(lib)") }
            return Violation(rule.source, "binary does not need \(lib)\(blame); it needs [\(facts.needed.joined(separator: ", "))]")
        case .lacks(let lib) where facts.needed.contains(lib):
            if builtIn { return Violation("libgcc", "\(mode) binary needs \(lib)") }
            return Violation(rule.source, "binary needs \(lib), which \(rule.source) excludes" + (rule.replaced.map { " (over \($0.source))" } ?? ""))
        case .noNeeded where !facts.needed.isEmpty:
            if builtIn { return Violation("static", "static binary needs \(facts.needed.joined(separator: ", "))") }
            return Violation(rule.source, "binary needs \(facts.needed.joined(separator: ", "))\(blame.isEmpty ? "" : "; \(rule.source) expects no NEEDED")")
        case .interpreter(let path) where facts.interpreter != path:
            if builtIn, path == nil, let interp = facts.interpreter { return Violation("static", "static binary has an interpreter '\(interp)'") }
            return Violation(builtIn ? "interpreter" : rule.source, "interpreter is \(quoted(facts.interpreter)), expected \(path.map { "'\($0)'" } ?? "none")\(blame)")
        case .targetLoader where facts.interpreter != cell.target.loader:
            // A dynamic program must name the target's glibc loader, or it will not start on the target.
            return Violation(
                builtIn ? "interpreter" : rule.source,
                "interpreter is \(quoted(facts.interpreter)); target \(cell.target.name) expects '\(cell.target.loader)'\(blame)")
        case .isStatic(let yes) where facts.isStatic != yes:
            return Violation(rule.source, "binary is \(facts.isStatic ? "" : "not ")static\(blame)")
        default:
            return nil
        }
    }

    private static func quoted(_ interpreter: String?) -> String { interpreter.map { "'\($0)'" } ?? "missing" }

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
