/// Flags and a timeout that may be set at the top level, per compiler, per target and per
/// compiler-and-target; the more specific level adds flags after the general ones and wins the timeout.
package struct FlagSet: Sendable, Equatable, Codable {
    /// Every compile and link step, C and C++ alike.
    package var cflags: [String] = []
    /// C++ compile and link steps only.
    package var cxxflags: [String] = []
    /// Link steps only.
    package var ldflags: [String] = []
    /// Seconds per step; nil to inherit.
    package var timeout: Int?

    package init(cflags: [String] = [], cxxflags: [String] = [], ldflags: [String] = [], timeout: Int? = nil) {
        self.cflags = cflags
        self.cxxflags = cxxflags
        self.ldflags = ldflags
        self.timeout = timeout
    }

    /// `self` then `more`: flags appended, the timeout of `more` when it has one.
    package func then(_ more: FlagSet) -> FlagSet {
        FlagSet(
            cflags: cflags + more.cflags, cxxflags: cxxflags + more.cxxflags,
            ldflags: ldflags + more.ldflags, timeout: more.timeout ?? timeout)
    }
}
