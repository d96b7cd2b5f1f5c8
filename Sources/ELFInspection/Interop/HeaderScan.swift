import CLibElf

extension ELFHandle {
    /// ELF header, program headers, PT_INTERP. Throws only when the ELF header itself is unreadable.
    func scanHeaders(into scan: inout RawScan, path: String) throws(InspectError) {
        var ehdr = GElf_Ehdr()
        guard gelf_getehdr(elf, &ehdr) != nil else {
            throw .malformed(path: path, reason: "ELF header: \(libelfMessage())")
        }
        scan.elfClass = gelf_getclass(elf) == ELFCLASS64 ? 64 : 32
        scan.bigEndian = ehdr.e_ident.5 == UInt8(ELFDATA2MSB)
        scan.machineCode = ehdr.e_machine
        scan.typeCode = ehdr.e_type
        scan.fileSize = fileSize

        var count = 0
        guard elf_getphdrnum(elf, &count) == 0 else {
            scan.warnings.append("program headers unreadable: \(libelfMessage())")
            return
        }
        for i in 0..<count {
            var ph = GElf_Phdr()
            guard let index = Int32(exactly: i), gelf_getphdr(elf, index, &ph) != nil else {
                scan.warnings.append("program header \(i) unreadable: \(libelfMessage())")
                break
            }
            scan.segments.append(.init(
                type: ph.p_type, flags: ph.p_flags, offset: ph.p_offset, fileSize: ph.p_filesz,
                vaddr: ph.p_vaddr, memSize: ph.p_memsz, align: ph.p_align))
            if ph.p_type == UInt32(PT_INTERP) {
                if let raw = bytes(offset: ph.p_offset, size: ph.p_filesz) {
                    scan.interpreter = boundedCString(raw)
                } else {
                    scan.warnings.append("PT_INTERP at offset \(ph.p_offset) size \(ph.p_filesz) lies outside the file (\(fileSize) bytes)")
                }
            }
        }
    }

    /// The file offset of a virtual address, through the PT_LOAD segment that maps it.
    func fileOffset(ofAddress address: UInt64, segments: [RawScan.Segment]) -> UInt64? {
        for s in segments where s.type == UInt32(PT_LOAD) {
            let (end, overflow) = s.vaddr.addingReportingOverflow(s.fileSize)
            if !overflow, address >= s.vaddr, address < end {
                return s.offset &+ (address - s.vaddr)
            }
        }
        return nil
    }
}
