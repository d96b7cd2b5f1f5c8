/// One read of one file: open safely, scan with libelf and libdw, classify. The scan order matters only
/// where one part needs another's result (strings of a section-less file need the segments).
enum ELFFileReader {
    static func read(path: String) -> InspectResult {
        do throws(InspectError) {
            let file = try OpenedFile.open(path: path)
            let scan = try ELFHandle.withFile(file, path: path) { handle throws(InspectError) in
                try scanAll(handle, path: path)
            }
            return .facts(classify(scan, path: path))
        } catch {
            return .failure(path: path, error: error)
        }
    }

    static func read(bytes: [UInt8], name: String) -> InspectResult {
        do throws(InspectError) {
            let scan = try ELFHandle.withBytes(bytes, name: name) { handle throws(InspectError) in
                try scanAll(handle, path: name)
            }
            return .facts(classify(scan, path: name))
        } catch {
            return .failure(path: name, error: error)
        }
    }

    /// The loader's view of a file (`LinkFacts`): headers, the dynamic section, the version tables and the
    /// dynamic symbols; no notes of interest, no DWARF.
    static func readLinkage(path: String) -> Result<LinkFacts, InspectError> {
        do throws(InspectError) {
            let file = try OpenedFile.open(path: path)
            let scan = try ELFHandle.withFile(file, path: path) { handle throws(InspectError) in
                try scanLinkage(handle, path: path)
            }
            return .success(scan.linkFacts(path: path))
        } catch {
            return .failure(error)
        }
    }

    /// The same from memory (the fuzzer's entry).
    static func readLinkage(bytes: [UInt8], name: String) -> Result<LinkFacts, InspectError> {
        do throws(InspectError) {
            let scan = try ELFHandle.withBytes(bytes, name: name) { handle throws(InspectError) in
                try scanLinkage(handle, path: name)
            }
            return .success(scan.linkFacts(path: name))
        } catch {
            return .failure(error)
        }
    }

    private static func scanLinkage(_ handle: ELFHandle, path: String) throws(InspectError) -> RawScan {
        var scan = RawScan()
        scan.linkage = LinkageTables()
        try handle.scanHeaders(into: &scan, path: path)
        handle.scanSections(into: &scan)
        if scan.sections.isEmpty { handle.scanDynamicSegment(into: &scan) }
        return scan
    }

    private static func scanAll(_ handle: ELFHandle, path: String) throws(InspectError) -> RawScan {
        var scan = RawScan()
        try handle.scanHeaders(into: &scan, path: path)
        handle.scanSections(into: &scan)
        if scan.sections.isEmpty {
            handle.scanDynamicSegment(into: &scan)
            handle.scanNoteSegments(into: &scan)
        }
        handle.scanDebug(into: &scan)
        return scan
    }

    static func classify(_ scan: RawScan, path: String) -> ELFFacts {
        ELFFacts(
            path: path,
            elfClass: scan.elfClass,
            machine: MachineName.name(scan.machineCode),
            type: ELFFileType(rawType: scan.typeCode),
            interpreter: scan.interpreter,
            needed: scan.dynamic.needed,
            soname: scan.dynamic.soname,
            rpath: scan.dynamic.rpath,
            runpath: scan.dynamic.runpath,
            pie: scan.isPIE,
            isStatic: scan.isStatic,
            bindNow: scan.bindNow,
            relro: scan.relro,
            nxStack: scan.nxStack,
            textrel: scan.textrel,
            buildID: scan.buildID,
            versionNeeds: scan.versionNeeds,
            glibcMax: GlibcVersion.maximum(of: scan.versionNeeds.allVersions),
            hardening: scan.hardening,
            libgcc: scan.libgcc,
            comment: scan.comment,
            debug: scan.debug,
            compressedSections: scan.sections.compactMap { s in
                s.compression.map { CompressedSection(name: s.name, type: $0) }
            },
            sizes: scan.sizes,
            warnings: scan.warnings,
            x86IsaNeeded: X86ISALevel.names(scan.properties.x86IsaNeeded, machine: scan.machineCode)
        )
    }
}
