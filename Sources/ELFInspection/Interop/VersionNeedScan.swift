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
                if let name = string(aux.vna_name) { scan.versionNeeds.add(library: library, version: name) }
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
