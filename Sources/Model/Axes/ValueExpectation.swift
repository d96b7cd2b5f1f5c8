/// What an axis value expects of the binaries it links (`needed_includes`, `needed_excludes`,
/// `interpreter`, `static`). The built-in link modes declare theirs the same way (LinkMode+Expectations).
/// Two expectations about the same subject conflict; the one of the later axis in cell-id order wins.
package struct ValueExpectation: Sendable, Equatable {
    package enum Claim: Sendable, Equatable {
        /// A DT_NEEDED entry names the library.
        case needs(String)
        /// No DT_NEEDED entry names the library.
        case lacks(String)
        /// No DT_NEEDED entry at all.
        case noNeeded
        /// The program's PT_INTERP: a path, or nil for none.
        case interpreter(String?)
        /// The program's PT_INTERP is the target's own loader.
        case targetLoader
        /// The program is statically linked (no PT_INTERP, no dynamic section), or it is not.
        case isStatic(Bool)
    }

    package var claim: Claim
    /// Only for C++ fixtures (libstdc++ unwinds through libgcc_s: only then must it be NEEDED).
    package var cxxOnly: Bool

    package init(_ claim: Claim, cxxOnly: Bool = false) {
        self.claim = claim
        self.cxxOnly = cxxOnly
    }

    /// What the claim is about: a later claim about the same subject replaces an earlier one.
    package var subject: String {
        switch claim {
        case .needs(let lib), .lacks(let lib): "needed \(lib)"
        case .noNeeded: "needed"
        case .interpreter, .targetLoader: "interpreter"
        case .isStatic: "static"
        }
    }

    /// The claim in a few words, as a cell record and a violation write it: `lacks libgcc_s.so.1`.
    package var summary: String {
        switch claim {
        case .needs(let lib): "needs \(lib)"
        case .lacks(let lib): "lacks \(lib)"
        case .noNeeded: "needs nothing"
        case .interpreter(let path): "interpreter \(path ?? "none")"
        case .targetLoader: "interpreter is the target's loader"
        case .isStatic(let yes): yes ? "static" : "not static"
        }
    }
}

/// One expectation a cell's binary was held to, and where it came from: a cell record's `expectations`.
package struct AppliedExpectation: Sendable, Codable, Equatable {
    /// `lacks libgcc_s.so.1`.
    package var expect: String
    /// `rtlib=compiler-rt`, `link=shared-libgcc`.
    package var from: String
    /// The expectation it replaced, `link=shared-libgcc: needs libgcc_s.so.1`; nil when none.
    package var overrides: String?

    package init(expect: String, from: String, overrides: String? = nil) {
        self.expect = expect
        self.from = from
        self.overrides = overrides
    }

    enum CodingKeys: String, CodingKey { case expect, from, overrides }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        expect = try c.decodeIfPresent(String.self, forKey: .expect) ?? ""
        from = try c.decodeIfPresent(String.self, forKey: .from) ?? ""
        overrides = try c.decodeIfPresent(String.self, forKey: .overrides)
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(expect, forKey: .expect)
        try c.encode(from, forKey: .from)
        try c.encodeIfPresent(overrides, forKey: .overrides)
    }
}
