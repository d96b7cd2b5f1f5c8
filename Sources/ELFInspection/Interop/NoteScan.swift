import CLibElf

extension ELFHandle {
    /// For files without section headers: the notes of PT_NOTE segments.
    func scanNoteSegments(into scan: inout RawScan) {
        for seg in scan.segments where seg.type == UInt32(PT_NOTE) {
            guard contains(offset: seg.offset, size: seg.fileSize) else {
                scan.warn("PT_NOTE at offset \(seg.offset) size \(seg.fileSize) lies outside the file")
                continue
            }
            // 8-aligned PT_NOTE segments hold GNU property notes, whose padding differs.
            let type = seg.align == 8 ? toolgate_elf_t_nhdr8() : toolgate_elf_t_nhdr()
            if let data = elf_getdata_rawchunk(elf, Int64(bitPattern: seg.offset), Int(seg.fileSize), type) {
                readNotes(data, into: &scan)
            }
        }
    }

    /// GNU notes: the build id and the property note. gelf_getnote bounds every note by the data.
    func readNotes(_ data: UnsafeMutablePointer<Elf_Data>, into scan: inout RawScan) {
        guard let base = data.pointee.d_buf else { return }
        let size = data.pointee.d_size
        var offset = 0
        var guardCount = 0
        while offset < size {
            var nhdr = GElf_Nhdr()
            var nameOffset = 0
            var descOffset = 0
            let next = gelf_getnote(data, offset, &nhdr, &nameOffset, &descOffset)
            guard next > offset else {
                if offset < size { scan.warn("note at offset \(offset) is truncated or lies about its size") }
                break
            }
            guardCount += 1
            if guardCount > 100_000 { break }
            offset = next
            let name = UnsafeRawBufferPointer(start: base + nameOffset, count: Int(nhdr.n_namesz))
            guard nhdr.n_namesz == 4, boundedCString(name) == "GNU" else { continue }
            let desc = UnsafeRawBufferPointer(start: base + descOffset, count: Int(nhdr.n_descsz))
            switch Int32(bitPattern: nhdr.n_type) {
            case NT_GNU_BUILD_ID:
                scan.buildID = desc.map { byte in
                    let digits = Array("0123456789abcdef")
                    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xf)]])
                }.joined()
            case NT_GNU_PROPERTY_TYPE_0:
                scan.properties.notePresent = true
                readProperties(desc, into: &scan)
            default:
                break
            }
        }
    }

    /// The property array: (type u32, datasz u32, data padded to 8 bytes on ELFCLASS64, 4 on ELFCLASS32).
    private func readProperties(_ desc: UnsafeRawBufferPointer, into scan: inout RawScan) {
        let align = scan.elfClass == 64 ? 8 : 4
        var at = 0
        while desc.count - at >= 8 {
            let type = readU32(desc, at, bigEndian: scan.bigEndian)
            let size = Int(readU32(desc, at + 4, bigEndian: scan.bigEndian))
            at += 8
            guard size <= desc.count - at else {
                scan.warn("GNU property \(String(type, radix: 16)) claims \(size) bytes past the note's end")
                return
            }
            if size >= 4 {
                let value = readU32(desc, at, bigEndian: scan.bigEndian)
                if type == UInt32(GNU_PROPERTY_X86_FEATURE_1_AND) { scan.properties.x86Features = value }
                if type == UInt32(GNU_PROPERTY_AARCH64_FEATURE_1_AND) { scan.properties.aarch64Features = value }
                if type == X86ISALevel.neededProperty { scan.properties.x86IsaNeeded = value }
            }
            let padded = (size + align - 1) / align * align
            guard padded <= desc.count - at else { return }
            at += padded
        }
    }
}

func readU32(_ buf: UnsafeRawBufferPointer, _ at: Int, bigEndian: Bool) -> UInt32 {
    let b = (0..<4).map { UInt32(buf[at + $0]) }
    return bigEndian ? b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3] : b[3] << 24 | b[2] << 16 | b[1] << 8 | b[0]
}
