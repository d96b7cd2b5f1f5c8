import ELFFacts

/// ELFFacts through the fast writer. The keys and shapes are those of ELFFacts' Codable conformance, which
/// report.json uses; a test decodes this output with JSONDecoder and compares.
extension JSONText {
    package mutating func facts(_ f: ELFFacts) {
        beginObject()
        key("path"); string(f.path)
        key("class"); int(f.elfClass)
        key("machine"); string(f.machine)
        key("type"); string(f.type.rawValue)
        key("interpreter"); string(f.interpreter)
        key("needed"); strings(f.needed)
        key("soname"); string(f.soname)
        key("rpath"); strings(f.rpath)
        key("runpath"); strings(f.runpath)
        key("pie"); bool(f.pie)
        key("static"); bool(f.isStatic)
        key("bind_now"); bool(f.bindNow)
        key("relro"); string(f.relro.rawValue)
        key("nx_stack"); bool(f.nxStack)
        key("textrel"); bool(f.textrel)
        key("build_id"); string(f.buildID)
        key("version_needs")
        beginObject()
        for entry in f.versionNeeds.entries { key(entry.library); strings(entry.versions) }
        endObject()
        key("glibc_max"); string(f.glibcMax)
        if let isa = f.x86IsaNeeded { key("x86_isa_needed"); strings(isa) }
        key("hardening")
        beginObject()
        for (check, v) in f.hardening.verdicts {
            key(check.name)
            beginObject()
            key("state"); string(v.state.rawValue)
            key("evidence"); string(v.evidence)
            endObject()
        }
        endObject()
        key("libgcc"); string(f.libgcc.rawValue)
        key("comment"); strings(f.comment)
        key("debug")
        beginObject()
        key("producers"); strings(f.debug.producers)
        key("languages"); strings(f.debug.languages)
        key("dwarf_versions"); ints(f.debug.dwarfVersions)
        key("unavailable"); string(f.debug.unavailable)
        endObject()
        key("compressed_sections")
        beginArray()
        for c in f.compressedSections {
            beginObject()
            key("name"); string(c.name)
            key("type"); string(c.type.rawValue)
            endObject()
        }
        endArray()
        key("sizes")
        beginObject()
        key("file"); int(f.sizes.file)
        key("code"); int(f.sizes.code)
        key("data"); int(f.sizes.data)
        key("bss"); int(f.sizes.bss)
        endObject()
        key("warnings"); strings(f.warnings)
        endObject()
    }
}
