/// The hardening verdicts of `Hardening`, in the order every writer lists them: the one list of their names.
/// report.json's keys (Hardening's coding keys), `inspect`'s JSON and table, a cell's HTML detail and
/// `compare`'s `hardening.NAME` changes all read it, so a new verdict is a new case here and a property.
package enum HardeningCheck: String, CaseIterable, CodingKey, Sendable {
    case canary, fortify
    case cetIBT = "cet_ibt"
    case cetSHSTK = "cet_shstk"
    case bti, pac

    /// The name in JSON, tables and change fields ("cet_ibt").
    package var name: String { rawValue }

    /// What the protection is, for a person: `compare` says "<label> lost".
    package var label: String {
        switch self {
        case .canary: "stack protector"
        case .fortify: "_FORTIFY_SOURCE"
        case .cetIBT: "CET IBT"
        case .cetSHSTK: "CET shadow stack"
        case .bti: "BTI"
        case .pac: "PAC"
        }
    }

    /// The property of `Hardening` that holds this verdict.
    package var keyPath: WritableKeyPath<Hardening, Verdict> {
        switch self {
        case .canary: \.canary
        case .fortify: \.fortify
        case .cetIBT: \.cetIBT
        case .cetSHSTK: \.cetSHSTK
        case .bti: \.bti
        case .pac: \.pac
        }
    }
}

extension Hardening {
    package subscript(check: HardeningCheck) -> Verdict {
        get { self[keyPath: check.keyPath] }
        set { self[keyPath: check.keyPath] = newValue }
    }

    /// Every verdict with its check, in the list's order.
    package var verdicts: [(check: HardeningCheck, verdict: Verdict)] {
        HardeningCheck.allCases.map { ($0, self[$0]) }
    }
}
