import CLibElf

#if canImport(Glibc)
import Glibc
#endif

/// An object file's DWARF points into .debug_str, .debug_abbrev and .debug_line through relocations, which
/// libdw (unlike libdwfl) does not apply: without them every producer reads as the string at offset 0. This
/// applies the absolute data relocations that DWARF uses to a private copy of each debug section.
extension ELFHandle {
    func applyDebugRelocations(into scan: inout RawScan) {
        let debugIndexes = Set(scan.sections.filter { $0.name.hasPrefix(".debug_") }.map(\.index))
        var scn: OpaquePointer? = nil
        while let next = elf_nextscn(elf, scn) {
            scn = next
            var sh = GElf_Shdr()
            guard gelf_getshdr(next, &sh) != nil else { continue }
            let isRela = sh.sh_type == UInt32(SHT_RELA)
            guard isRela || sh.sh_type == UInt32(SHT_REL), debugIndexes.contains(Int(sh.sh_info)),
                  let target = elf_getscn(elf, Int(sh.sh_info)) else { continue }
            if let problem = relocate(target, with: next, header: sh, isRela: isRela, machine: scan.machineCode,
                                      bigEndian: scan.bigEndian) {
                scan.warnings.append(problem)
            }
        }
    }

    private func relocate(_ target: OpaquePointer, with relocations: OpaquePointer, header sh: GElf_Shdr,
                          isRela: Bool, machine: UInt16, bigEndian: Bool) -> String? {
        var targetHeader = GElf_Shdr()
        guard gelf_getshdr(target, &targetHeader) != nil else { return "debug relocations: target unreadable" }
        // zlib sections are decompressed by libelf here; zstd ones were installed plain already.
        if targetHeader.sh_flags & UInt64(SHF_COMPRESSED) != 0 && elf_compress(target, 0, 0) < 0 {
            return "debug relocations: cannot decompress target: \(libelfMessage())"
        }
        guard let data = elf_getdata(target, nil), let source = data.pointee.d_buf, data.pointee.d_size > 0,
              let copy = malloc(data.pointee.d_size),
              let relData = elf_getdata(relocations, nil),
              let symbolSection = elf_getscn(elf, Int(sh.sh_link)),
              let symbols = elf_getdata(symbolSection, nil) else {
            return "debug relocations of section \(sh.sh_info): unreadable"
        }
        let size = data.pointee.d_size
        copy.copyMemory(from: source, byteCount: size)
        adopt(copy)
        data.pointee.d_buf = copy
        let bytes = UnsafeMutableRawBufferPointer(start: copy, count: size)

        let entrySize = isRela ? (gelf_getclass(elf) == ELFCLASS64 ? 24 : 12) : (gelf_getclass(elf) == ELFCLASS64 ? 16 : 8)
        let count = relData.pointee.d_size / entrySize
        var skipped = 0
        for i in 0..<count {
            guard let index = Int32(exactly: i) else { break }
            var offset: UInt64 = 0
            var info: UInt64 = 0
            var addend: Int64 = 0
            if isRela {
                var r = GElf_Rela()
                guard gelf_getrela(relData, index, &r) != nil else { break }
                (offset, info, addend) = (r.r_offset, r.r_info, r.r_addend)
            } else {
                var r = GElf_Rel()
                guard gelf_getrel(relData, index, &r) != nil else { break }
                (offset, info) = (r.r_offset, r.r_info)
            }
            guard let width = RelocationWidth.of(type: UInt32(truncatingIfNeeded: info), machine: machine) else {
                skipped += 1
                continue
            }
            var sym = GElf_Sym()
            guard let symIndex = Int32(exactly: info >> 32), gelf_getsym(symbols, symIndex, &sym) != nil,
                  let at = Int(exactly: offset), at >= 0, at <= size - width else { skipped += 1; continue }
            let base = isRela ? UInt64(bitPattern: addend) : load(bytes, at: at, width: width, bigEndian: bigEndian)
            store(sym.st_value &+ base, into: bytes, at: at, width: width, bigEndian: bigEndian)
        }
        return skipped > 0 ? "debug relocations of section \(sh.sh_info): \(skipped) not applied" : nil
    }

    private func load(_ b: UnsafeMutableRawBufferPointer, at: Int, width: Int, bigEndian: Bool) -> UInt64 {
        var v: UInt64 = 0
        for k in 0..<width {
            let byte = UInt64(b[bigEndian ? at + k : at + width - 1 - k])
            v = v << 8 | byte
        }
        return v
    }

    private func store(_ value: UInt64, into b: UnsafeMutableRawBufferPointer, at: Int, width: Int, bigEndian: Bool) {
        for k in 0..<width {
            let byte = UInt8(truncatingIfNeeded: value >> (8 * UInt64(k)))
            b[bigEndian ? at + width - 1 - k : at + k] = byte
        }
    }
}

/// The absolute relocations DWARF uses in object files, by machine, and how many bytes each writes.
enum RelocationWidth {
    static func of(type: UInt32, machine: UInt16) -> Int? {
        switch (Int32(machine), type) {
        case (EM_X86_64, 1): 8          // R_X86_64_64
        case (EM_X86_64, 10), (EM_X86_64, 11): 4  // R_X86_64_32, R_X86_64_32S
        case (EM_AARCH64, 257): 8       // R_AARCH64_ABS64
        case (EM_AARCH64, 258): 4       // R_AARCH64_ABS32
        case (EM_386, 1): 4             // R_386_32
        case (EM_ARM, 2): 4             // R_ARM_ABS32
        case (EM_RISCV, 1): 4           // R_RISCV_32
        case (EM_RISCV, 2): 8           // R_RISCV_64
        default: nil
        }
    }
}
