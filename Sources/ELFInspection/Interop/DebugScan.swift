import CLibDW
import CLibElf
import CZstd

#if canImport(Glibc)
import Glibc
#endif

/// Limits that keep a lying or hostile file from costing unbounded memory or time.
enum ReadLimits {
    /// The largest decompressed debug section we accept; real ones of a big C++ program stay well below.
    static let decompressedSection: UInt64 = 1 << 30
    /// Compilation units read before giving up; a real file has thousands, a loop would have millions.
    static let compilationUnits = 1_000_000
}

extension ELFHandle {
    /// DWARF through libdw: producers, languages and versions of every compilation unit. zstd sections are
    /// decompressed here first (elfutils 0.188 cannot) and handed to libdw in place of the compressed bytes.
    func scanDebug(into scan: inout RawScan) {
        let debugSections = scan.sections.filter { $0.name.hasPrefix(".debug_") || $0.name.hasPrefix(".zdebug_") }
        guard debugSections.contains(where: { $0.name == ".debug_info" || $0.name == ".zdebug_info" }) else {
            scan.debug = DebugFacts(unavailable: debugSections.isEmpty ? "no DWARF sections" : "no .debug_info section")
            return
        }
        for s in debugSections where s.compression != nil && s.uncompressedSize > ReadLimits.decompressedSection {
            scan.debug = DebugFacts(unavailable: "\(s.name) declares \(s.uncompressedSize) bytes decompressed, over the \(ReadLimits.decompressedSection)-byte limit")
            return
        }
        for s in debugSections where s.compression == .zstd {
            if let problem = installDecompressedZstd(section: s, elfClass: scan.elfClass) {
                scan.warnings.append(problem)
            }
        }
        if scan.typeCode == UInt16(ET_REL) { applyDebugRelocations(into: &scan) }
        guard let dwarf = dwarf_begin_elf(elf, DWARF_C_READ, nil) else {
            scan.debug = DebugFacts(unavailable: "libdw: \(dwarfMessage())")
            return
        }
        defer { dwarf_end(dwarf) }
        scan.debug = readUnits(dwarf, warnings: &scan.warnings)
    }

    private func readUnits(_ dwarf: OpaquePointer, warnings: inout [String]) -> DebugFacts {
        var facts = DebugFacts(unavailable: nil)
        var versions = Set<Int>()
        var unit: OpaquePointer? = nil
        var count = 0
        while true {
            var next: OpaquePointer? = nil
            var version: UInt16 = 0
            var unitType: UInt8 = 0
            var die = Dwarf_Die()
            let r = dwarf_get_units(dwarf, unit, &next, &version, &unitType, &die, nil)
            if r == 1 { break }
            if r != 0 {
                warnings.append("DWARF unit after #\(count) unreadable: \(dwarfMessage())")
                break
            }
            count += 1
            if count > ReadLimits.compilationUnits {
                warnings.append("more than \(ReadLimits.compilationUnits) DWARF units; stopped")
                break
            }
            unit = next
            versions.insert(Int(version))
            var attr = Dwarf_Attribute()
            if dwarf_attr(&die, UInt32(DW_AT_producer), &attr) != nil, let p = dwarf_formstring(&attr) {
                let producer = String(cString: p)
                if !facts.producers.contains(producer) { facts.producers.append(producer) }
            }
            let lang = dwarf_srclang(&die)
            if lang >= 0 {
                let name = DwarfLanguage.name(Int(lang))
                if !facts.languages.contains(name) { facts.languages.append(name) }
            }
        }
        facts.dwarfVersions = versions.sorted()
        if count == 0 { facts.unavailable = "no DWARF compilation units" }
        return facts
    }

    /// Decompresses one ELFCOMPRESS_ZSTD section into memory we own, then makes libelf present it as an
    /// ordinary section: the data points at the plain bytes and the header loses SHF_COMPRESSED.
    private func installDecompressedZstd(section s: RawScan.Section, elfClass: Int) -> String? {
        guard let scn = elf_getscn(elf, s.index), let data = elf_getdata(scn, nil),
              let src = data.pointee.d_buf else {
            return "\(s.name): unreadable: \(libelfMessage())"
        }
        let headerSize = elfClass == 64 ? MemoryLayout<Elf64_Chdr>.size : MemoryLayout<Elf32_Chdr>.size
        guard data.pointee.d_size > headerSize, let capacity = Int(exactly: s.uncompressedSize), capacity > 0,
              let dst = malloc(capacity) else {
            return "\(s.name): zstd section too small or empty"
        }
        let got = ZSTD_decompress(dst, capacity, src + headerSize, data.pointee.d_size - headerSize)
        guard ZSTD_isError(got) == 0, got == capacity else {
            free(dst)
            let why = ZSTD_isError(got) != 0 ? String(cString: ZSTD_getErrorName(got)).lowercased() : "\(got) bytes, header says \(capacity)"
            return "\(s.name): zstd decompression failed: \(why)"
        }
        var sh = GElf_Shdr()
        guard gelf_getshdr(scn, &sh) != nil else {
            free(dst)
            return "\(s.name): header unreadable: \(libelfMessage())"
        }
        adopt(dst)
        data.pointee.d_buf = dst
        data.pointee.d_size = capacity
        data.pointee.d_type = ELF_T_BYTE
        data.pointee.d_align = 1
        sh.sh_flags &= ~UInt64(SHF_COMPRESSED)
        sh.sh_size = UInt64(capacity)
        guard gelf_update_shdr(scn, &sh) != 0 else {
            return "\(s.name): cannot update header: \(libelfMessage())"
        }
        return nil
    }
}

func dwarfMessage() -> String {
    guard let m = dwarf_errmsg(-1) else { return "unknown libdw error" }
    return String(cString: m).lowercased()
}
