import CLibElf

#if canImport(Glibc)
import Glibc
#endif

extension ELFHandle {
    /// One pass over a symbol table, keeping only the names hardening and libgcc verdicts need. Names are
    /// filtered on their bytes first: a String is made only for the few that match.
    func readSymbols(_ scn: OpaquePointer, header sh: GElf_Shdr, into scan: inout RawScan) {
        let isDynsym = sh.sh_type == UInt32(SHT_DYNSYM)
        let table = isDynsym ? ".dynsym" : ".symtab"
        guard let data = elf_getdata(scn, nil) else {
            scan.warnings.append("\(table) unreadable: \(libelfMessage())")
            return
        }
        let entrySize = gelf_fsize(elf, toolgate_elf_t_sym(), 1, UInt32(EV_CURRENT))
        guard entrySize > 0 else { return }
        let count = data.pointee.d_size / entrySize
        if isDynsym { scan.symbols.dynsymCount += count } else { scan.symbols.symtabCount += count }
        let strings = Int(sh.sh_link)
        var summary = scan.symbols
        for i in 1..<max(count, 1) {
            var sym = GElf_Sym()
            guard let index = Int32(exactly: i), gelf_getsym(data, index, &sym) != nil else { break }
            guard sym.st_name != 0, let p = elf_strptr(elf, strings, Int(sym.st_name)) else { continue }
            // Every name we look for starts with '_'.
            guard p[0] == 0x5f else { continue }
            let defined = sym.st_shndx != UInt16(SHN_UNDEF)
            guard let kind = SymbolNames.classify(p) else { continue }
            let name = String(cString: p)
            switch kind {
            case .canary:
                let entry = "\(name) \(defined ? "defined" : "referenced") in \(table)"
                if !summary.canary.contains(entry) { summary.canary.append(entry) }
            case .fortified:
                summary.fortified.insert(name)
            case .libgcc:
                if defined {
                    if !summary.libgccDefined.contains(name) { summary.libgccDefined.append(name) }
                    if !isDynsym { summary.libgccDefinedInDynsymOnly = false }
                }
            }
        }
        scan.symbols = summary
    }
}

/// The symbol names that carry evidence, matched on raw C strings.
enum SymbolNames {
    enum Kind { case canary, fortified, libgcc }

    static func classify(_ p: UnsafePointer<CChar>) -> Kind? {
        let length = strlen(p)
        let bytes = UnsafeRawBufferPointer(start: p, count: length)
        if bytes.starts(with: stackChk) {
            let rest = bytes.dropFirst(stackChk.count)
            return rest.elementsEqual(fail) || rest.elementsEqual(failLocal) || rest.elementsEqual(guardName) ? .canary : nil
        }
        if bytes.starts(with: unwind) || bytes.starts(with: aarch64Atomics) { return .libgcc }
        guard length > 6, bytes[1] == 0x5f else { return nil }
        // __*_chk: the fortified variants glibc provides (__memcpy_chk, __printf_chk, ...).
        if bytes.suffix(4).elementsEqual(chk) { return .fortified }
        if libgccHelpers.contains(String(decoding: bytes, as: UTF8.self)) { return .libgcc }
        return nil
    }

    private static let stackChk = Array("__stack_chk_".utf8)
    private static let fail = Array("fail".utf8)
    private static let failLocal = Array("fail_local".utf8)
    private static let guardName = Array("guard".utf8)
    private static let unwind = Array("_Unwind_".utf8)
    private static let aarch64Atomics = Array("__aarch64_".utf8)
    private static let chk = Array("_chk".utf8)

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
