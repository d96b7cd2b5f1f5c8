import CLibElf

/// Hardening verdicts, each with the evidence it stands on. "unknown" only when the file holds no evidence
/// either way (no symbol table to search, no note to read), never a guess.
extension RawScan {
    var damagedEvidence: String { "no evidence found, but part of the file is unreadable (see warnings)" }

    var hasAnySymbols: Bool { symbols.hasSymtab || symbols.hasDynsym }

    var symbolTablesSearched: String {
        var tables: [String] = []
        if symbols.hasSymtab { tables.append(".symtab (\(symbols.symtabCount) symbols)") }
        if symbols.hasDynsym { tables.append(".dynsym (\(symbols.dynsymCount) symbols)") }
        return tables.joined(separator: " and ")
    }

    /// __stack_chk_fail, __stack_chk_fail_local or __stack_chk_guard referenced or defined.
    var canaryVerdict: Verdict {
        if !symbols.canary.isEmpty { return Verdict(.yes, symbols.canary.joined(separator: "; ")) }
        if damaged { return Verdict(.unknown, damagedEvidence) }
        // A stripped executable still imports __stack_chk_fail through .dynsym; a static one has nothing left.
        if !hasAnySymbols { return Verdict(.unknown, "no symbol table to search") }
        if !symbols.hasSymtab && isStatic { return Verdict(.unknown, "static and stripped: no symbol table to search") }
        return Verdict(.no, "no __stack_chk_* symbol in \(symbolTablesSearched)")
    }

    /// Fortified (__*_chk) functions referenced or defined, with their count.
    var fortifyVerdict: Verdict {
        if !symbols.fortified.isEmpty {
            let names = symbols.fortified.sorted()
            let shown = names.prefix(8).joined(separator: ", ") + (names.count > 8 ? ", ..." : "")
            return Verdict(.yes, "\(names.count) fortified function\(names.count == 1 ? "" : "s"): \(shown)")
        }
        if damaged { return Verdict(.unknown, damagedEvidence) }
        if !hasAnySymbols { return Verdict(.unknown, "no symbol table to search") }
        if !symbols.hasSymtab && isStatic { return Verdict(.unknown, "static and stripped: no symbol table to search") }
        return Verdict(.no, "no __*_chk function in \(symbolTablesSearched)")
    }

    private var isX86: Bool { machineCode == UInt16(EM_X86_64) || machineCode == UInt16(EM_386) }
    private var isAArch64: Bool { machineCode == UInt16(EM_AARCH64) }

    private func featureVerdict(applies: Bool, features: UInt32?, bit: UInt32, name: String, property: String) -> Verdict {
        guard applies else { return Verdict(.no, "not applicable to \(MachineName.name(machineCode))") }
        // The linker keeps the property only when every input has it: no note means the feature is off,
        // unless the file is too damaged to say whether it has one.
        if !properties.notePresent && damaged { return Verdict(.unknown, damagedEvidence) }
        guard properties.notePresent else { return Verdict(.no, "no GNU property note") }
        guard let features else { return Verdict(.no, "GNU property note without \(property)") }
        let hex = "0x" + String(features, radix: 16)
        return features & bit != 0
            ? Verdict(.yes, "\(property) \(hex) has \(name)")
            : Verdict(.no, "\(property) \(hex) lacks \(name)")
    }

    var cetIBTVerdict: Verdict {
        featureVerdict(applies: isX86, features: properties.x86Features, bit: UInt32(GNU_PROPERTY_X86_FEATURE_1_IBT),
                       name: "IBT", property: "GNU_PROPERTY_X86_FEATURE_1_AND")
    }
    var cetSHSTKVerdict: Verdict {
        featureVerdict(applies: isX86, features: properties.x86Features, bit: UInt32(GNU_PROPERTY_X86_FEATURE_1_SHSTK),
                       name: "SHSTK", property: "GNU_PROPERTY_X86_FEATURE_1_AND")
    }
    var btiVerdict: Verdict {
        featureVerdict(applies: isAArch64, features: properties.aarch64Features,
                       bit: UInt32(GNU_PROPERTY_AARCH64_FEATURE_1_BTI), name: "BTI",
                       property: "GNU_PROPERTY_AARCH64_FEATURE_1_AND")
    }
    var pacVerdict: Verdict {
        featureVerdict(applies: isAArch64, features: properties.aarch64Features,
                       bit: UInt32(GNU_PROPERTY_AARCH64_FEATURE_1_PAC), name: "PAC",
                       property: "GNU_PROPERTY_AARCH64_FEATURE_1_AND")
    }

    var hardening: Hardening {
        Hardening(canary: canaryVerdict, fortify: fortifyVerdict, cetIBT: cetIBTVerdict, cetSHSTK: cetSHSTKVerdict,
                  bti: btiVerdict, pac: pacVerdict)
    }

    /// "shared" when libgcc_s.so.1 is needed; "static" when libgcc's unwinder or helpers are defined inside;
    /// "none" when a full symbol table shows neither; "unknown" when there is no .symtab to tell, since
    /// libgcc.a's symbols are hidden and a stripped file keeps them nowhere.
    var libgcc: LibgccLinkage {
        if dynamic.needed.contains(where: { $0.hasPrefix("libgcc_s.so") }) { return .shared }
        if !symbols.libgccDefined.isEmpty { return .static }
        return symbols.hasSymtab && !damaged ? .none : .unknown
    }
}
