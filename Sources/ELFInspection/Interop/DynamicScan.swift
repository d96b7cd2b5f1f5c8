import CLibElf

extension ELFHandle {
    /// The dynamic entries of a SHT_DYNAMIC section, strings resolved through its sh_link string table.
    func readDynamicSection(_ scn: OpaquePointer, stringTable: Int, into scan: inout RawScan) {
        guard let data = elf_getdata(scn, nil) else {
            scan.warn(".dynamic unreadable: \(libelfMessage())")
            return
        }
        readDynamicEntries(data, into: &scan) { offset in
            guard let p = elf_strptr(self.elf, stringTable, Int(truncatingIfNeeded: offset)) else { return nil }
            return String(cString: p)
        }
    }

    /// For files without section headers: PT_DYNAMIC, with DT_STRTAB found through the PT_LOAD mapping.
    func scanDynamicSegment(into scan: inout RawScan) {
        guard !scan.dynamic.present,
              let seg = scan.segments.first(where: { $0.type == UInt32(PT_DYNAMIC) }) else { return }
        guard contains(offset: seg.offset, size: seg.fileSize),
              let data = elf_getdata_rawchunk(elf, Int64(bitPattern: seg.offset), Int(seg.fileSize), toolgate_elf_t_dyn()) else {
            scan.warn("PT_DYNAMIC at offset \(seg.offset) size \(seg.fileSize) lies outside the file")
            return
        }
        // First pass for DT_STRTAB and DT_STRSZ, then resolve strings inside that bounded table.
        var strtab: UInt64?
        var strsz: UInt64 = 0
        forEachDynamic(data) { tag, value in
            if tag == Int64(DT_STRTAB) { strtab = value }
            if tag == Int64(DT_STRSZ) { strsz = value }
        }
        var table: [UInt8]?
        if let strtab, let offset = fileOffset(ofAddress: strtab, segments: scan.segments) {
            table = read(offset: offset, size: strsz)
        }
        if table == nil { scan.warn("dynamic string table not found in the file; names unread") }
        readDynamicEntries(data, into: &scan) { offset in
            guard let table, let o = Int(exactly: offset), o < table.count else { return nil }
            return boundedCString(table[o...])
        }
    }

    private func forEachDynamic(_ data: UnsafeMutablePointer<Elf_Data>, _ body: (Int64, UInt64) -> Void) {
        let entrySize = gelf_fsize(elf, toolgate_elf_t_dyn(), 1, UInt32(EV_CURRENT))
        guard entrySize > 0 else { return }
        let count = data.pointee.d_size / entrySize
        for i in 0..<count {
            var dyn = GElf_Dyn()
            guard let index = Int32(exactly: i), gelf_getdyn(data, index, &dyn) != nil else { return }
            if dyn.d_tag == Int64(DT_NULL) { return }
            body(dyn.d_tag, dyn.d_un.d_val)
        }
    }

    private func readDynamicEntries(_ data: UnsafeMutablePointer<Elf_Data>, into scan: inout RawScan,
                                    string: (UInt64) -> String?) {
        scan.dynamic.present = true
        var d = scan.dynamic
        var warnings: [String] = []
        func name(_ tag: String, _ value: UInt64) -> String? {
            if let s = string(value) { return s }
            warnings.append("\(tag): string offset \(value) outside the dynamic string table")
            return nil
        }
        forEachDynamic(data) { tag, value in
            switch tag {
            case Int64(DT_NEEDED): if let s = name("DT_NEEDED", value) { d.needed.append(s) }
            case Int64(DT_SONAME): d.soname = name("DT_SONAME", value)
            case Int64(DT_RPATH): if let s = name("DT_RPATH", value) { d.rpath += splitSearchPath(s) }
            case Int64(DT_RUNPATH): if let s = name("DT_RUNPATH", value) { d.runpath += splitSearchPath(s) }
            case Int64(DT_FLAGS): d.flags |= value
            case Int64(DT_FLAGS_1): d.flags1 |= value
            case Int64(DT_BIND_NOW): d.hasBindNow = true
            case Int64(DT_TEXTREL): d.hasTextrel = true
            default: break
            }
        }
        scan.dynamic = d
        scan.warnings += warnings
    }
}

/// rpath and runpath are lists: split at ':' as the loader does (an empty element stays, it means ".").
func splitSearchPath(_ s: String) -> [String] {
    s.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
}
