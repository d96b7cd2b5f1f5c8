import CLibElf

extension ELFHandle {
    /// Walks the section headers once and reads what each kind of section contributes.
    func scanSections(into scan: inout RawScan) {
        var shstrndx = 0
        let haveNames = elf_getshdrstrndx(elf, &shstrndx) == 0
        var dynamicSeen = false
        var scn: OpaquePointer? = nil
        var guardCount = 0
        while let next = elf_nextscn(elf, scn) {
            scn = next
            guardCount += 1
            if guardCount > 1_000_000 {
                scan.warn("more than 1000000 sections; stopped reading them")
                break
            }
            var sh = GElf_Shdr()
            guard gelf_getshdr(next, &sh) != nil else {
                scan.warn("section header \(elf_ndxscn(next)) unreadable: \(libelfMessage())")
                continue
            }
            let index = elf_ndxscn(next)
            var name = ""
            // Names are made only for the sections whose name matters (debug, .comment, compressed ones):
            // a String for each of the ~30 sections of each file was a measurable share of `inspect`.
            if haveNames, let p = elf_strptr(elf, shstrndx, Int(sh.sh_name)),
               sh.sh_flags & UInt64(SHF_COMPRESSED) != 0 || SectionNames.mayMatter(p) {
                name = String(cString: p)
            }
            var section = RawScan.Section(
                index: index, name: name, type: sh.sh_type, flags: sh.sh_flags, size: sh.sh_size, link: sh.sh_link)
            readCompression(of: next, header: sh, into: &section, warnings: &scan.warnings)
            scan.sections.append(section)
            if sh.sh_type != UInt32(SHT_NOBITS), !contains(offset: sh.sh_offset, size: sh.sh_size) {
                let label = name.isEmpty ? "\(index)" : "\(index) (\(name))"
                scan.warn("section \(label) at offset \(sh.sh_offset) size \(sh.sh_size) extends past the end of the file (\(fileSize) bytes)")
                continue
            }

            switch Int32(bitPattern: sh.sh_type) {
            case SHT_DYNAMIC:
                if !dynamicSeen {
                    dynamicSeen = true
                    readDynamicSection(next, stringTable: Int(sh.sh_link), into: &scan)
                }
            case SHT_NOTE:
                if let data = elf_getdata(next, nil) { readNotes(data, into: &scan) }
            case SHT_SYMTAB:
                readSymbols(next, header: sh, into: &scan)
            case SHT_DYNSYM:
                readSymbols(next, header: sh, into: &scan)
                readDynamicSymbolNames(next, header: sh, into: &scan)
            case SHT_GNU_verneed:
                readVersionNeeds(next, header: sh, into: &scan)
            case SHT_GNU_verdef:
                readVersionDefinitions(next, header: sh, into: &scan)
            case SHT_GNU_versym:
                readVersionSymbols(next, into: &scan)
            default:
                if name == ".comment", sh.sh_type == UInt32(SHT_PROGBITS), let data = elf_getdata(next, nil),
                   let buf = data.pointee.d_buf {
                    let raw = UnsafeRawBufferPointer(start: buf, count: data.pointee.d_size)
                    for piece in raw.split(separator: 0) {
                        let s = String(decoding: piece, as: UTF8.self)
                        if !scan.comment.contains(s) { scan.comment.append(s) }
                    }
                }
            }
        }
    }

    private func readCompression(of scn: OpaquePointer, header sh: GElf_Shdr, into section: inout RawScan.Section,
                                 warnings: inout [String]) {
        if sh.sh_flags & UInt64(SHF_COMPRESSED) != 0 {
            var ch = GElf_Chdr()
            guard gelf_getchdr(scn, &ch) != nil else {
                warnings.append("section \(section.name): compression header unreadable: \(libelfMessage())")
                section.compression = .unknown
                return
            }
            section.compressionType = ch.ch_type
            section.uncompressedSize = ch.ch_size
            switch Int32(bitPattern: ch.ch_type) {
            case toolgate_elfcompress_zlib(): section.compression = .zlib
            case toolgate_elfcompress_zstd(): section.compression = .zstd
            default:
                section.compression = .unknown
                warnings.append("section \(section.name): unknown compression type \(ch.ch_type)")
            }
        } else if section.name.hasPrefix(".zdebug") {
            // The old GNU form: "ZLIB" and a big-endian size before zlib data.
            section.compression = .zlib
        }
    }
}

enum SectionNames {
    /// ".debug_*", ".zdebug_*" and ".comment": the names the reader looks at.
    static func mayMatter(_ p: UnsafePointer<CChar>) -> Bool {
        guard p[0] == 0x2e else { return false }
        switch p[1] {
        case 0x64, 0x7a, 0x63: return true  // d, z, c
        default: return false
        }
    }
}
