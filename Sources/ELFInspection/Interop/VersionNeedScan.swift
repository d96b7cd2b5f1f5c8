import CLibElf

extension ELFHandle {
    /// SHT_GNU_verneed: each Verneed names a library, its Vernaux chain the versions wanted from it. Both
    /// chains are walked by vn_next/vna_next offsets, so the walk is bounded by count and by the data size.
    func readVersionNeeds(_ scn: OpaquePointer, header sh: GElf_Shdr, into scan: inout RawScan) {
        guard let data = elf_getdata(scn, nil) else {
            scan.warnings.append(".gnu.version_r unreadable: \(libelfMessage())")
            return
        }
        let strings = Int(sh.sh_link)
        let limit = max(1, data.pointee.d_size / 8)
        var offset = 0
        var steps = 0
        func string(_ at: UInt32) -> String? {
            guard let p = elf_strptr(elf, strings, Int(at)) else { return nil }
            return String(cString: p)
        }
        while steps < limit {
            steps += 1
            var need = GElf_Verneed()
            guard let at = Int32(exactly: offset), gelf_getverneed(data, at, &need) != nil else {
                scan.warnings.append(".gnu.version_r: entry at offset \(offset) lies outside the section")
                return
            }
            guard let library = string(need.vn_file) else {
                scan.warnings.append(".gnu.version_r: library name offset \(need.vn_file) outside the string table")
                return
            }
            var auxOffset = offset + Int(need.vn_aux)
            var auxCount = 0
            while auxCount < Int(need.vn_cnt), steps < limit {
                steps += 1
                auxCount += 1
                var aux = GElf_Vernaux()
                guard let at = Int32(exactly: auxOffset), gelf_getvernaux(data, at, &aux) != nil else {
                    scan.warnings.append(".gnu.version_r: version entry at offset \(auxOffset) lies outside the section")
                    break
                }
                if let name = string(aux.vna_name) {
                    scan.versionNeeds.add(library: library, version: name)
                    scan.linkage?.neededVersions[aux.vna_other] = .init(
                        library: library, version: name, weak: aux.vna_flags & UInt16(VER_FLG_WEAK) != 0)
                }
                if aux.vna_next == 0 { break }
                auxOffset += Int(aux.vna_next)
            }
            if auxCount == 0 { scan.versionNeeds.add(library: library, version: nil) }
            if need.vn_next == 0 { return }
            offset += Int(need.vn_next)
        }
        scan.warnings.append(".gnu.version_r: more entries than the section can hold; stopped")
    }
}

extension ELFHandle {
    /// SHT_GNU_verdef: each Verdef's first Verdaux names the version of index vd_ndx. Walked like the
    /// needs: by offsets, bounded by a step count the section's size allows.
    func readVersionDefinitions(_ scn: OpaquePointer, header sh: GElf_Shdr, into scan: inout RawScan) {
        guard scan.linkage != nil else { return }
        guard let data = elf_getdata(scn, nil) else {
            scan.warnings.append(".gnu.version_d unreadable: \(libelfMessage())")
            return
        }
        scan.linkage?.hasDefinitions = true
        let strings = Int(sh.sh_link)
        let limit = max(1, data.pointee.d_size / 8)
        var offset = 0
        var steps = 0
        while steps < limit {
            steps += 1
            var def = GElf_Verdef()
            guard let at = Int32(exactly: offset), gelf_getverdef(data, at, &def) != nil else {
                scan.warnings.append(".gnu.version_d: entry at offset \(offset) lies outside the section")
                return
            }
            var aux = GElf_Verdaux()
            if def.vd_cnt > 0, let auxAt = Int32(exactly: offset + Int(def.vd_aux)), gelf_getverdaux(data, auxAt, &aux) != nil,
               let p = elf_strptr(elf, strings, Int(aux.vda_name)) {
                scan.linkage?.definitions[def.vd_ndx] = .init(
                    name: String(cString: p), base: def.vd_flags & UInt16(VER_FLG_BASE) != 0)
            } else {
                scan.warnings.append(".gnu.version_d: version \(def.vd_ndx) has no readable name")
            }
            if def.vd_next == 0 { return }
            offset += Int(def.vd_next)
        }
        scan.warnings.append(".gnu.version_d: more entries than the section can hold; stopped")
    }

    /// SHT_GNU_versym: one half-word per dynamic symbol, already in native order.
    func readVersionSymbols(_ scn: OpaquePointer, into scan: inout RawScan) {
        guard scan.linkage != nil else { return }
        guard let data = elf_getdata(scn, nil), let base = data.pointee.d_buf else {
            scan.warnings.append(".gnu.version unreadable: \(libelfMessage())")
            return
        }
        let raw = UnsafeRawBufferPointer(start: base, count: data.pointee.d_size)
        let count = raw.count / 2
        scan.linkage?.versym = (0..<count).map { raw.loadUnaligned(fromByteOffset: $0 * 2, as: UInt16.self) }
    }
}
