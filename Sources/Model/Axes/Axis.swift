/// An axis the matrix declares beyond the built-in ones (`[axes.NAME]`, docs/matrix.md "Axes"): a named
/// set of values, each a set of flags with what it needs, where it applies and what it expects of the
/// binary. Cells multiply by every declared axis; their ids end with the values in `axis_order`.
package struct Axis: Sendable, Equatable {
    /// Where a value's flags go, and so whether objects are shared between the values.
    package enum Phase: String, Sendable, CaseIterable {
        /// Compile and link steps: every value compiles its own objects (a build unit per value).
        case compile
        /// Link steps only: the values share the objects of their build unit, as link modes do.
        case link
    }

    package var name: String
    package var phase: Phase
    package var values: [AxisValue]

    package init(name: String, phase: Phase, values: [AxisValue]) {
        self.name = name
        self.phase = phase
        self.values = values
    }

    /// The names the built-in axes take in cell ids, filters and annotations.
    package static let builtInNames = ["fixture", "compiler", "target", "link", "opt"]
}

/// One value of an axis: `lld = { flags = ["-fuse-ld=lld"], features = ["lld"] }`.
package struct AxisValue: Sendable, Equatable {
    package var name: String
    /// FlagSet's meaning (cflags every step, cxxflags C++ steps, ldflags link steps); `flags` is read as
    /// cflags. For a link-phase axis all of them go to link steps only.
    package var flags: FlagSet
    /// Names the fixtures' REQUIRES/UNSUPPORTED and the matrix's `exclude` can test.
    package var features: [String]
    /// Where the value applies (compiler names match as annotations do: `clang` matches `clang-19`);
    /// nil: everywhere. Elsewhere its cells are unsupported, with the reason.
    package var compilers: [String]?
    package var targets: [String]?
    /// What the value expects of every binary it links, in the order written.
    package var expectations: [ValueExpectation]
    /// The Debian package that provides the value's runtime, by target name ("" for every target): the
    /// value's link probe runs where one is named, and a failed probe makes its cells `skipped` naming it.
    package var providedBy: [String: String]

    package init(
        name: String, flags: FlagSet = FlagSet(), features: [String] = [], compilers: [String]? = nil, targets: [String]? = nil,
        expectations: [ValueExpectation] = [], providedBy: [String: String] = [:]
    ) {
        self.name = name
        self.flags = flags
        self.features = features
        self.compilers = compilers
        self.targets = targets
        self.expectations = expectations
        self.providedBy = providedBy
    }

    /// The package that provides the value's runtime for `target`, if the matrix names one.
    package func providingPackage(for target: String) -> String? { providedBy[target] ?? providedBy[""] }
}

/// A cell's value of one declared axis.
package struct AxisChoice: Sendable, Equatable {
    package var axis: String
    package var phase: Axis.Phase
    package var value: AxisValue

    package init(axis: String, phase: Axis.Phase, value: AxisValue) {
        self.axis = axis
        self.phase = phase
        self.value = value
    }

    /// `rtlib=compiler-rt`: how reasons and violations name it.
    package var label: String { "\(axis)=\(value.name)" }
}
