import CLibElf

#if canImport(Glibc)
import Glibc
#endif

extension ELFHandle {
    /// One pass over a symbol table, keeping only the names hardening and libgcc verdicts need. libelf has
    /// already translated the table to native layout, so entries are read in place; names come from the
    /// string table's bytes, bounded by its size, and a String is made only for the few that match.
    func readSymbols(_ scn: OpaquePointer, header sh: GElf_Shdr, into scan: inout RawScan) {
        let isDynsym = sh.sh_type == UInt32(SHT_DYNSYM)
        let table = isDynsym ? ".dynsym" : ".symtab"
        guard let data = elf_getdata(scn, nil) else {
            scan.warn("\(table) unreadable: \(libelfMessage())")
            return
        }
        let is64 = gelf_getclass(elf) == ELFCLASS64
        let entrySize = is64 ? MemoryLayout<Elf64_Sym>.size : MemoryLayout<Elf32_Sym>.size
        let count = data.pointee.d_size / entrySize
        if isDynsym { scan.symbols.dynsymCount += count } else { scan.symbols.symtabCount += count }
        guard count > 1, let symbols = data.pointee.d_buf else { return }
        guard let strings = stringTable(index: Int(sh.sh_link)) else {
            scan.warn("\(table): string table \(sh.sh_link) unreadable")
            return
        }
        var summary = scan.symbols
        for i in 1..<count {
            let nameOffset: Int
            let sectionIndex: UInt16
            if is64 {
                let sym = symbols.loadUnaligned(fromByteOffset: i * entrySize, as: Elf64_Sym.self)
                nameOffset = Int(sym.st_name)
                sectionIndex = sym.st_shndx
            } else {
                let sym = symbols.loadUnaligned(fromByteOffset: i * entrySize, as: Elf32_Sym.self)
                nameOffset = Int(sym.st_name)
                sectionIndex = sym.st_shndx
            }
            // Every name we look for starts with '_' and none is a mangled C++ name ("_Z...").
            guard nameOffset > 0, nameOffset < strings.count - 1, strings[nameOffset] == 0x5f,
                  strings[nameOffset + 1] != 0x5a else { continue }
            let rest = UnsafeRawBufferPointer(rebasing: strings[nameOffset...])
            let length = rest.firstIndex(of: 0).map { $0 - rest.startIndex } ?? rest.count
            let name = UnsafeRawBufferPointer(rebasing: rest.prefix(length))
            guard let kind = SymbolNames.classify(name) else { continue }
            let text = String(decoding: name, as: UTF8.self)
            let defined = sectionIndex != UInt16(SHN_UNDEF)
            switch kind {
            case .canary:
                let entry = "\(text) \(defined ? "defined" : "referenced") in \(table)"
                if !summary.canary.contains(entry) { summary.canary.append(entry) }
            case .fortified:
                summary.fortified.insert(text)
            case .libgcc:
                if defined, !summary.libgccDefined.contains(text) { summary.libgccDefined.append(text) }
            }
        }
        scan.symbols = summary
    }

    /// Every entry of .dynsym with its name, binding and whether it is defined: the exports and imports the
    /// version checks of `resolve` match. Read only when the scan asks for linkage tables.
    func readDynamicSymbolNames(_ scn: OpaquePointer, header sh: GElf_Shdr, into scan: inout RawScan) {
        guard scan.linkage != nil, let data = elf_getdata(scn, nil), let symbols = data.pointee.d_buf else { return }
        let is64 = gelf_getclass(elf) == ELFCLASS64
        let entrySize = is64 ? MemoryLayout<Elf64_Sym>.size : MemoryLayout<Elf32_Sym>.size
        let count = data.pointee.d_size / entrySize
        guard count > 0, let strings = stringTable(index: Int(sh.sh_link)) else { return }
        var out: [LinkageTables.DynamicSymbol] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            let nameOffset: Int, sectionIndex: UInt16, info: UInt8, other: UInt8
            if is64 {
                let sym = symbols.loadUnaligned(fromByteOffset: i * entrySize, as: Elf64_Sym.self)
                (nameOffset, sectionIndex, info, other) = (Int(sym.st_name), sym.st_shndx, sym.st_info, sym.st_other)
            } else {
                let sym = symbols.loadUnaligned(fromByteOffset: i * entrySize, as: Elf32_Sym.self)
                (nameOffset, sectionIndex, info, other) = (Int(sym.st_name), sym.st_shndx, sym.st_info, sym.st_other)
            }
            var name = ""
            if nameOffset > 0, nameOffset < strings.count, let base = strings.baseAddress {
                // memchr for the NUL, bounded by the table: a name may not run off its end.
                let start = base + nameOffset
                let room = strings.count - nameOffset
                let length = memchr(start, 0, room).map { UnsafeRawPointer($0) - start } ?? room
                name = String(decoding: UnsafeRawBufferPointer(start: start, count: length), as: UTF8.self)
            }
            let binding = info >> 4
            let visibility = other & 0x3
            out.append(.init(
                name: name, defined: sectionIndex != UInt16(SHN_UNDEF), weak: binding == UInt8(STB_WEAK),
                local: binding == UInt8(STB_LOCAL),
                hidden: visibility == UInt8(STV_HIDDEN) || visibility == UInt8(STV_INTERNAL)))
        }
        scan.linkage?.symbols = out
    }

    /// A string table's bytes, as libelf holds them, bounded by the section's data size.
    private func stringTable(index: Int) -> UnsafeRawBufferPointer? {
        guard let scn = elf_getscn(elf, index), let data = elf_getdata(scn, nil), let base = data.pointee.d_buf else {
            return nil
        }
        return UnsafeRawBufferPointer(start: base, count: data.pointee.d_size)
    }
}

/// The symbol names that carry evidence, matched on raw bytes.
enum SymbolNames {
    enum Kind { case canary, fortified, libgcc }

    static func classify(_ bytes: UnsafeRawBufferPointer) -> Kind? {
        let length = bytes.count
        if bytes.starts(with: stackChk) {
            let rest = bytes.dropFirst(stackChk.count)
            return rest.elementsEqual(fail) || rest.elementsEqual(failLocal) || rest.elementsEqual(guardName) ? .canary : nil
        }
        if bytes.starts(with: unwind) || bytes.starts(with: aarch64Atomics) { return .libgcc }
        guard length > 6, bytes[1] == 0x5f else { return nil }
        // __*_chk: the fortified variants glibc provides (__memcpy_chk, __printf_chk, ...).
        if bytes.suffix(4).elementsEqual(chk) { return .fortified }
        // libgcc helpers end in a digit (__udivti3, __popcountdi2) or have one of a few prefixes; checking
        // that first spares making a String of every other "__" name.
        let endsInDigit = bytes[length - 1] >= 0x30 && bytes[length - 1] <= 0x39
        guard endsInDigit || helperPrefixes.contains(where: { bytes.starts(with: $0) }) else { return nil }
        return libgccHelpers.contains(String(decoding: bytes, as: UTF8.self)) ? .libgcc : nil
    }

    private static let stackChk = Array("__stack_chk_".utf8)
    private static let fail = Array("fail".utf8)
    private static let failLocal = Array("fail_local".utf8)
    private static let guardName = Array("guard".utf8)
    private static let unwind = Array("_Unwind_".utf8)
    private static let aarch64Atomics = Array("__aarch64_".utf8)
    private static let chk = Array("_chk".utf8)
    private static let helperPrefixes = ["__gcc_", "__cpu_", "__fix", "__float"].map { Array($0.utf8) }

    /// libgcc's integer, int128 and complex helpers, and its personality routine: any defined one means
    /// libgcc.a was linked in.
    static let libgccHelpers: Set<String> = [
        "__gcc_personality_v0",
        "__udivdi3", "__divdi3", "__umoddi3", "__moddi3", "__udivmoddi4", "__divmoddi4",
        "__udivti3", "__divti3", "__umodti3", "__modti3", "__udivmodti4", "__divmodti4", "__multi3",
        "__ashlti3", "__ashrti3", "__lshrti3", "__ashldi3", "__ashrdi3", "__lshrdi3",
        "__muldc3", "__mulsc3", "__mulxc3", "__multc3", "__divdc3", "__divsc3", "__divxc3", "__divtc3",
        "__popcountdi2", "__popcountti2", "__clzdi2", "__clzti2", "__ctzdi2", "__ctzti2", "__ffsdi2", "__ffsti2",
        "__fixunsdfdi", "__fixunsxfdi", "__fixunssfdi", "__floatundidf", "__floatundisf", "__floatundixf",
        "__fixdfti", "__fixunsdfti", "__floattidf", "__floatuntidf",
        "__cpu_indicator_init", "__cpu_model",
    ]
}
