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

        checkSectionHeaderTable(ehdr, into: &scan)
        var count = 0
        guard elf_getphdrnum(elf, &count) == 0 else {
            scan.warn("program headers unreadable: \(libelfMessage())")
            return
        }
        guard checkProgramHeaderTable(ehdr, count: count, into: &scan) else { return }
        for i in 0..<count {
            var ph = GElf_Phdr()
            guard let index = Int32(exactly: i), gelf_getphdr(elf, index, &ph) != nil else {
                scan.warn("program header \(i) unreadable: \(libelfMessage())")
                break
            }
            scan.segments.append(.init(
                type: ph.p_type, flags: ph.p_flags, offset: ph.p_offset, fileSize: ph.p_filesz,
                vaddr: ph.p_vaddr, memSize: ph.p_memsz, align: ph.p_align))
            if ph.p_type == UInt32(PT_INTERP) {
                if let raw = read(offset: ph.p_offset, size: ph.p_filesz, limit: 1 << 16) {
                    scan.interpreter = boundedCString(raw)
                } else {
                    scan.warn("PT_INTERP at offset \(ph.p_offset) size \(ph.p_filesz) lies outside the file (\(fileSize) bytes) or is over 64 KiB")
                }
            }
        }
    }

    /// libelf quietly reads no table at all when the header's numbers do not fit the file; say so, since
    /// facts read without the table would otherwise look whole.
    private func checkProgramHeaderTable(_ ehdr: GElf_Ehdr, count: Int, into scan: inout RawScan) -> Bool {
        let entry = scan.elfClass == 64 ? MemoryLayout<Elf64_Phdr>.size : MemoryLayout<Elf32_Phdr>.size
        if ehdr.e_phnum != 0 && count == 0 {
            scan.warn("e_phnum is \(ehdr.e_phnum) but no program header could be read")
            return false
        }
        guard count > 0 else { return true }
        if Int(ehdr.e_phentsize) != entry {
            scan.warn("e_phentsize is \(ehdr.e_phentsize), not \(entry): program headers unreadable")
            return false
        }
        let (size, overflow) = UInt64(count).multipliedReportingOverflow(by: UInt64(entry))
        if overflow || !contains(offset: ehdr.e_phoff, size: size) {
            scan.warn("program header table (\(count) entries at offset \(ehdr.e_phoff)) extends past the end of the file (\(fileSize) bytes)")
            return false
        }
        return true
    }

    private func checkSectionHeaderTable(_ ehdr: GElf_Ehdr, into scan: inout RawScan) {
        guard ehdr.e_shoff != 0 else { return }
        let entry = scan.elfClass == 64 ? MemoryLayout<Elf64_Shdr>.size : MemoryLayout<Elf32_Shdr>.size
        var count = 0
        guard elf_getshdrnum(elf, &count) == 0 else {
            scan.warn("section headers unreadable: \(libelfMessage())")
            return
        }
        if ehdr.e_shnum != 0 && count == 0 {
            scan.warn("e_shnum is \(ehdr.e_shnum) but no section header could be read")
            return
        }
        guard count > 0 else { return }
        if Int(ehdr.e_shentsize) != entry {
            scan.warn("e_shentsize is \(ehdr.e_shentsize), not \(entry): section headers unreadable")
            return
        }
        let (size, overflow) = UInt64(count).multipliedReportingOverflow(by: UInt64(entry))
        if overflow || !contains(offset: ehdr.e_shoff, size: size) {
            scan.warn("section header table (\(count) entries at offset \(ehdr.e_shoff)) extends past the end of the file (\(fileSize) bytes)")
            return
        }
        var index = 0
        if elf_getshdrstrndx(elf, &index) != 0 || index >= count {
            scan.warn("e_shstrndx points at no section: section names unreadable", damaging: false)
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
