/// Random programs to generate and run through the matrix (`toolgate run --generate csmith`, or the
/// matrix's `[generate]` table; docs/random-programs.md). Each seed is one fixture, `csmith-<seed>`.
package struct GeneratorSpec: Sendable, Equatable {
    /// The one generator there is: `csmith`.
    package static let tools = ["csmith"]
    /// Seconds a generated program may run: about one Csmith seed in eight loops for a long time.
    package static let defaultRunTimeout = 10

    package var tool: String
    package var seeds: [UInt64]
    /// Passed to the generator after `--seed N`.
    package var flags: [String]
    /// The run step's timeout for generated programs (compile and link keep the matrix's).
    package var runTimeout: Int
    /// The cells whose checksum is the expected one when the cells of a seed disagree; nil: the majority.
    package var reference: ReferenceCells?

    package init(tool: String = "csmith", seeds: [UInt64], flags: [String] = [], runTimeout: Int = Self.defaultRunTimeout,
                 reference: ReferenceCells? = nil) {
        self.tool = tool
        self.seeds = seeds
        self.flags = flags
        self.runTimeout = runTimeout
        self.reference = reference
    }

    /// `csmith-7`.
    package func fixtureName(seed: UInt64) -> String { "\(tool)-\(seed)" }
}

/// `reference = { compiler = "gcc", opt = "O0" }`: the cells that match every key given are the reference.
package struct ReferenceCells: Sendable, Equatable, Codable {
    package var compiler: String?
    package var target: String?
    package var link: String?
    /// As in a cell id ("O0"); "-O0" is accepted and stored in this form.
    package var opt: String?

    package init(compiler: String? = nil, target: String? = nil, link: String? = nil, opt: String? = nil) {
        self.compiler = compiler
        self.target = target
        self.link = link
        self.opt = opt.map(OptLevel.id(of:))
    }

    package func matches(_ r: CellRecord) -> Bool {
        (compiler.map { $0 == r.compiler } ?? true) && (target.map { $0 == r.target } ?? true)
            && (link.map { $0 == r.link } ?? true) && (opt.map { $0 == r.opt } ?? true)
    }

    /// `compiler=gcc opt=O0`, for messages.
    package var description: String {
        [("compiler", compiler), ("target", target), ("link", link), ("opt", opt)]
            .compactMap { k, v in v.map { "\(k)=\($0)" } }.joined(separator: " ")
    }
}

/// What a generated fixture carries beside its source: where it came from.
package struct GeneratedProgram: Sendable, Equatable {
    package var tool: String
    package var seed: UInt64
    /// The cache key of its source: the generator's version, its flags and the seed.
    package var cacheKey: String
    package var runTimeout: Int

    package init(tool: String, seed: UInt64, cacheKey: String, runTimeout: Int) {
        self.tool = tool
        self.seed = seed
        self.cacheKey = cacheKey
        self.runTimeout = runTimeout
    }
}
