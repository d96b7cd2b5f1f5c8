/// Every verdict has a default, so a report without one (an older toolgate's, before the verdict was added)
/// reads: a verdict absent reads as `Verdict(.unknown, "not examined")`, as `Hardening()` leaves it. A verdict
/// name this toolgate does not know (a newer one's) is ignored. The names are HardeningCheck's, the one list.
extension Hardening {
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        for check in HardeningCheck.allCases {
            self[check] = try c.decode(forKey: check, default: self[check])
        }
    }
}

/// `state` defaults to "unknown" and `evidence` to empty text.
extension Verdict {
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try c.decode(forKey: .state, default: .unknown), try c.decode(forKey: .evidence, default: ""))
    }
}

/// A state a newer toolgate names ("partial", say) reads as "unknown": this one cannot tell yes or no from it.
extension Verdict.State {
    package init(from decoder: any Decoder) throws { try self.init(from: decoder, unknown: .unknown) }
}
