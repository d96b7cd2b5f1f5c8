/// A hardening verdict with the evidence it stands on (annocheck's habit): "unknown" when there is none.
package struct Verdict: Sendable, Codable, Equatable {
    package enum State: String, Sendable, Codable, Equatable {
        case yes, no, unknown
    }
    package var state: State
    package var evidence: String

    /// Written out so the reader (Hardening+Decoding.swift) uses the encoder's names.
    enum CodingKeys: String, CodingKey { case state, evidence }

    package init(_ state: State, _ evidence: String) {
        self.state = state
        self.evidence = evidence
    }
}

package struct Hardening: Sendable, Codable, Equatable {
    package var canary: Verdict
    package var fortify: Verdict
    package var cetIBT: Verdict
    package var cetSHSTK: Verdict
    package var bti: Verdict
    package var pac: Verdict

    /// The keys are the one list of verdict names.
    typealias CodingKeys = HardeningCheck

    package init(
        canary: Verdict = Verdict(.unknown, "not examined"),
        fortify: Verdict = Verdict(.unknown, "not examined"),
        cetIBT: Verdict = Verdict(.unknown, "not examined"),
        cetSHSTK: Verdict = Verdict(.unknown, "not examined"),
        bti: Verdict = Verdict(.unknown, "not examined"),
        pac: Verdict = Verdict(.unknown, "not examined")
    ) {
        self.canary = canary
        self.fortify = fortify
        self.cetIBT = cetIBT
        self.cetSHSTK = cetSHSTK
        self.bti = bti
        self.pac = pac
    }
}
