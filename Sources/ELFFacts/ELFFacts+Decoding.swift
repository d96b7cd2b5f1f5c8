/// A cell's `elf` read tolerantly (docs/report-schema.md, "Reading old and new reports"): only `path`, which
/// names the file the facts are of, is required; every other field takes the default `ELFFacts.init` gives it
/// (0, "", false, empty, absent, `type` "other", `relro` "none", `libgcc` "unknown", hardening and debug "not
/// examined"). A new field must be read here too, or it stays at its default on reading.
extension ELFFacts {
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            path: try c.decode(String.self, forKey: .path), elfClass: try c.decode(forKey: .elfClass, default: 0),
            machine: try c.decode(forKey: .machine, default: ""), type: try c.decode(forKey: .type, default: .other))
        interpreter = try c.decodeIfPresent(String.self, forKey: .interpreter)
        needed = try c.decode(forKey: .needed, default: [])
        soname = try c.decodeIfPresent(String.self, forKey: .soname)
        rpath = try c.decode(forKey: .rpath, default: [])
        runpath = try c.decode(forKey: .runpath, default: [])
        pie = try c.decode(forKey: .pie, default: false)
        isStatic = try c.decode(forKey: .isStatic, default: false)
        bindNow = try c.decode(forKey: .bindNow, default: false)
        relro = try c.decode(forKey: .relro, default: .none)
        nxStack = try c.decode(forKey: .nxStack, default: false)
        textrel = try c.decode(forKey: .textrel, default: false)
        buildID = try c.decodeIfPresent(String.self, forKey: .buildID)
        versionNeeds = try c.decode(forKey: .versionNeeds, default: VersionNeeds())
        glibcMax = try c.decodeIfPresent(String.self, forKey: .glibcMax)
        x86IsaNeeded = try c.decodeIfPresent([String].self, forKey: .x86IsaNeeded)
        hardening = try c.decode(forKey: .hardening, default: Hardening())
        libgcc = try c.decode(forKey: .libgcc, default: .unknown)
        comment = try c.decode(forKey: .comment, default: [])
        debug = try c.decode(forKey: .debug, default: DebugFacts())
        compressedSections = try c.decode(forKey: .compressedSections, default: [])
        sizes = try c.decode(forKey: .sizes, default: Sizes())
        warnings = try c.decode(forKey: .warnings, default: [])
    }
}

/// A type a newer toolgate names ("ET_..." it learned to tell apart) reads as "other".
extension ELFFileType {
    package init(from decoder: any Decoder) throws { try self.init(from: decoder, unknown: .other) }
}

/// A linkage a newer toolgate names reads as "unknown". Relro has no such case: a value it does not know is
/// an error naming the field.
extension LibgccLinkage {
    package init(from decoder: any Decoder) throws { try self.init(from: decoder, unknown: .unknown) }
}

/// Only `name` is required; `type` defaults to "unknown", and a compression a newer toolgate names reads so.
extension CompressedSection {
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try c.decode(String.self, forKey: .name), type: try c.decode(forKey: .type, default: .unknown))
    }
}

extension CompressedSection.Kind {
    package init(from decoder: any Decoder) throws { try self.init(from: decoder, unknown: .unknown) }
}

/// Every size defaults to 0.
extension Sizes {
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            file: try c.decode(forKey: .file, default: 0), code: try c.decode(forKey: .code, default: 0),
            data: try c.decode(forKey: .data, default: 0), bss: try c.decode(forKey: .bss, default: 0))
    }
}
