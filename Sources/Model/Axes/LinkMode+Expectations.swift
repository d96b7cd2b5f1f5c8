extension LinkMode {
    /// The link mode's own expectations, the ones ELFInvariants once branched on: a static program has no
    /// interpreter and no NEEDED; a static-libgcc one does not need libgcc_s.so.1; a shared-libgcc C++ one
    /// does; a dynamic one names the target's loader.
    package var expectations: [ValueExpectation] {
        switch self {
        case .fullyStatic:
            [ValueExpectation(.interpreter(nil)), ValueExpectation(.noNeeded)]
        case .staticLibgcc:
            [ValueExpectation(.lacks(ELFInvariants.libgccShared)), ValueExpectation(.targetLoader)]
        case .sharedLibgcc:
            [ValueExpectation(.needs(ELFInvariants.libgccShared), cxxOnly: true), ValueExpectation(.targetLoader)]
        }
    }
}
