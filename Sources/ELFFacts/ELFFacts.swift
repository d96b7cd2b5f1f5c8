/// Everything `toolgate inspect` says about one ELF file. A value type: no C handle survives the read.
///
/// Field names and meanings are a promise to users' scripts; docs/inspect.md defines each one.
package struct ELFFacts: Sendable, Equatable, Codable {
    package var path: String
    /// 32 or 64.
    package var elfClass: Int
    package var machine: String
    package var type: ELFFileType
    package var interpreter: String?
    package var needed: [String]
    package var soname: String?
    package var rpath: [String]
    package var runpath: [String]
    package var pie: Bool
    package var isStatic: Bool
    package var bindNow: Bool
    package var relro: Relro
    package var nxStack: Bool
    package var textrel: Bool
    package var buildID: String?
    package var versionNeeds: VersionNeeds
    package var glibcMax: String?
    /// The x86 ISA levels the GNU property note says the file needs (GNU_PROPERTY_X86_ISA_1_NEEDED), in
    /// readelf's names ("x86-64-baseline", "x86-64-v3"); nil without that property. Left out of JSON when nil.
    package var x86IsaNeeded: [String]?
    package var hardening: Hardening
    package var libgcc: LibgccLinkage
    package var comment: [String]
    package var debug: DebugFacts
    package var compressedSections: [CompressedSection]
    package var sizes: Sizes
    /// Things that were wrong in the file but did not stop the read (a truncated table, a lying count).
    package var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case path
        case elfClass = "class"
        case machine, type, interpreter, needed, soname, rpath, runpath, pie
        case isStatic = "static"
        case bindNow = "bind_now"
        case relro
        case nxStack = "nx_stack"
        case textrel
        case buildID = "build_id"
        case versionNeeds = "version_needs"
        case glibcMax = "glibc_max"
        case x86IsaNeeded = "x86_isa_needed"
        case hardening, libgcc, comment, debug
        case compressedSections = "compressed_sections"
        case sizes, warnings
    }

    package init(
        path: String, elfClass: Int, machine: String, type: ELFFileType, interpreter: String? = nil,
        needed: [String] = [], soname: String? = nil, rpath: [String] = [], runpath: [String] = [],
        pie: Bool = false, isStatic: Bool = false, bindNow: Bool = false, relro: Relro = .none,
        nxStack: Bool = false, textrel: Bool = false, buildID: String? = nil,
        versionNeeds: VersionNeeds = VersionNeeds(), glibcMax: String? = nil,
        hardening: Hardening = Hardening(), libgcc: LibgccLinkage = .unknown, comment: [String] = [],
        debug: DebugFacts = DebugFacts(), compressedSections: [CompressedSection] = [],
        sizes: Sizes = Sizes(), warnings: [String] = [], x86IsaNeeded: [String]? = nil
    ) {
        self.path = path
        self.elfClass = elfClass
        self.machine = machine
        self.type = type
        self.interpreter = interpreter
        self.needed = needed
        self.soname = soname
        self.rpath = rpath
        self.runpath = runpath
        self.pie = pie
        self.isStatic = isStatic
        self.bindNow = bindNow
        self.relro = relro
        self.nxStack = nxStack
        self.textrel = textrel
        self.buildID = buildID
        self.versionNeeds = versionNeeds
        self.glibcMax = glibcMax
        self.hardening = hardening
        self.libgcc = libgcc
        self.comment = comment
        self.debug = debug
        self.compressedSections = compressedSections
        self.sizes = sizes
        self.warnings = warnings
        self.x86IsaNeeded = x86IsaNeeded
    }

    // Optional fields are written as null, not left out: scripts test `.interpreter == null`.
    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(path, forKey: .path)
        try c.encode(elfClass, forKey: .elfClass)
        try c.encode(machine, forKey: .machine)
        try c.encode(type, forKey: .type)
        try c.encode(interpreter, forKey: .interpreter)
        try c.encode(needed, forKey: .needed)
        try c.encode(soname, forKey: .soname)
        try c.encode(rpath, forKey: .rpath)
        try c.encode(runpath, forKey: .runpath)
        try c.encode(pie, forKey: .pie)
        try c.encode(isStatic, forKey: .isStatic)
        try c.encode(bindNow, forKey: .bindNow)
        try c.encode(relro, forKey: .relro)
        try c.encode(nxStack, forKey: .nxStack)
        try c.encode(textrel, forKey: .textrel)
        try c.encode(buildID, forKey: .buildID)
        try c.encode(versionNeeds, forKey: .versionNeeds)
        try c.encode(glibcMax, forKey: .glibcMax)
        try c.encodeIfPresent(x86IsaNeeded, forKey: .x86IsaNeeded)
        try c.encode(hardening, forKey: .hardening)
        try c.encode(libgcc, forKey: .libgcc)
        try c.encode(comment, forKey: .comment)
        try c.encode(debug, forKey: .debug)
        try c.encode(compressedSections, forKey: .compressedSections)
        try c.encode(sizes, forKey: .sizes)
        try c.encode(warnings, forKey: .warnings)
    }
}

package enum ELFFileType: String, Sendable, Codable, Equatable {
    case rel, exec, dyn, core
    /// ET_NONE or an OS- or processor-specific type: written as "other".
    case other

    package init(rawType: UInt16) {
        switch rawType {
        case 1: self = .rel
        case 2: self = .exec
        case 3: self = .dyn
        case 4: self = .core
        default: self = .other
        }
    }
}

package enum Relro: String, Sendable, Codable, Equatable {
    case none, partial, full
}

/// How libgcc reached the file: through libgcc_s.so.1, copied in, not at all, or no symbols to tell.
package enum LibgccLinkage: String, Sendable, Codable, Equatable {
    case shared, `static`, none, unknown
}

package struct CompressedSection: Sendable, Codable, Equatable {
    package enum Kind: String, Sendable, Codable, Equatable {
        case zlib, zstd
        /// A type this reader does not know; the number goes in the name of the warning.
        case unknown
    }
    package var name: String
    package var type: Kind

    /// Written out so the reader (ELFFacts+Decoding.swift) uses the encoder's names.
    enum CodingKeys: String, CodingKey { case name, type }

    package init(name: String, type: Kind) {
        self.name = name
        self.type = type
    }
}

package struct Sizes: Sendable, Codable, Equatable {
    package var file: Int
    /// Allocated, executable sections.
    package var code: Int
    /// Allocated sections with contents that are not executable (read-only data included).
    package var data: Int
    /// Allocated SHT_NOBITS sections.
    package var bss: Int

    /// Written out so the reader (ELFFacts+Decoding.swift) uses the encoder's names.
    enum CodingKeys: String, CodingKey { case file, code, data, bss }

    package init(file: Int = 0, code: Int = 0, data: Int = 0, bss: Int = 0) {
        self.file = file
        self.code = code
        self.data = data
        self.bss = bss
    }
}
