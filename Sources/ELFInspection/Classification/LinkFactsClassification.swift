import CLibElf

/// From the raw tables to `LinkFacts`: versym indices turned into version names.
extension RawScan {
    func linkFacts(path: String) -> LinkFacts {
        let tables = linkage ?? LinkageTables()
        var imports: [VersionedSymbol] = []
        var exports: Set<SymbolVersion> = []
        for (i, symbol) in tables.symbols.enumerated() where i > 0 && i < tables.versym.count && !symbol.local {
            // Bit 15 marks a hidden (non-default) version; a versioned reference still binds to it.
            let index = tables.versym[i] & 0x7fff
            guard index >= 2, !symbol.name.isEmpty else { continue }
            if symbol.defined {
                if !symbol.hidden, let def = tables.definitions[index] {
                    exports.insert(SymbolVersion(name: symbol.name, version: def.name))
                }
            } else if let need = tables.neededVersions[index] {
                imports.append(VersionedSymbol(
                    symbol: SymbolVersion(name: symbol.name, version: need.version), library: need.library,
                    weak: symbol.weak))
            }
        }
        let definitions = tables.hasDefinitions
            ? tables.definitions.sorted { $0.key < $1.key }.filter { !$0.value.base }.map(\.value.name)
            : nil
        let needs = tables.neededVersions.sorted { $0.key < $1.key }.map {
            VersionNeed(library: $0.value.library, version: $0.value.version, weak: $0.value.weak)
        }
        return LinkFacts(
            path: path, elfClass: elfClass, machine: MachineName.name(machineCode),
            type: ELFFileType(rawType: typeCode), interpreter: interpreter, isDynamic: dynamic.present,
            needed: dynamic.needed, soname: dynamic.soname,
            rpath: dynamic.runpath.isEmpty ? dynamic.rpath : [], runpath: dynamic.runpath,
            noDefaultLibraries: dynamic.flags1 & UInt64(DF_1_NODEFLIB) != 0,
            versionNeeds: needs, versionDefinitions: definitions, versionedImports: imports,
            versionedExports: exports, hasSectionHeaders: !sections.isEmpty, warnings: warnings)
    }
}
