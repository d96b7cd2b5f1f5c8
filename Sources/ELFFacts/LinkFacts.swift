/// What the dynamic loader needs to know about one file to load it and its dependencies: the facts
/// `toolgate resolve` works from. A value type, like `ELFFacts`; read by `ELFInspector.linkFacts(path:)`.
package struct LinkFacts: Sendable, Equatable {
    package var path: String
    /// 32 or 64.
    package var elfClass: Int
    /// As `inspect` writes it: "x86_64", "i386", "aarch64", ..., "EM_<n>".
    package var machine: String
    package var type: ELFFileType
    package var interpreter: String?
    /// Whether the file has a dynamic section at all (a static executable has none).
    package var isDynamic: Bool
    package var needed: [String]
    package var soname: String?
    /// Only what the loader uses: empty when DT_RUNPATH is present (glibc ignores DT_RPATH then).
    package var rpath: [String]
    package var runpath: [String]
    /// DF_1_NODEFLIB: the ld.so.cache and the default directories are not searched for this file's needs.
    package var noDefaultLibraries: Bool
    /// Every version need (SHT_GNU_verneed), in file order.
    package var versionNeeds: [VersionNeed]
    /// The names this file defines (SHT_GNU_verdef), without the file's own base entry; nil when the file
    /// has no version definitions (glibc then accepts any version need against it, with a warning).
    package var versionDefinitions: [String]?
    /// Undefined dynamic symbols bound to a version (`memcpy@GLIBC_2.14`): what the file imports.
    package var versionedImports: [VersionedSymbol]
    /// Defined dynamic symbols with their version: what the file exports to a versioned reference.
    package var versionedExports: Set<SymbolVersion>
    /// Whether the section headers were there to read the version and symbol tables from.
    package var hasSectionHeaders: Bool
    package var warnings: [String]

    package init(path: String, elfClass: Int, machine: String, type: ELFFileType, interpreter: String? = nil,
                 isDynamic: Bool = false, needed: [String] = [], soname: String? = nil, rpath: [String] = [],
                 runpath: [String] = [], noDefaultLibraries: Bool = false, versionNeeds: [VersionNeed] = [],
                 versionDefinitions: [String]? = nil, versionedImports: [VersionedSymbol] = [],
                 versionedExports: Set<SymbolVersion> = [], hasSectionHeaders: Bool = true, warnings: [String] = []) {
        self.path = path
        self.elfClass = elfClass
        self.machine = machine
        self.type = type
        self.interpreter = interpreter
        self.isDynamic = isDynamic
        self.needed = needed
        self.soname = soname
        self.rpath = rpath
        self.runpath = runpath
        self.noDefaultLibraries = noDefaultLibraries
        self.versionNeeds = versionNeeds
        self.versionDefinitions = versionDefinitions
        self.versionedImports = versionedImports
        self.versionedExports = versionedExports
        self.hasSectionHeaders = hasSectionHeaders
        self.warnings = warnings
    }
}

/// One Vernaux: `version` wanted from the library named `library` (a DT_NEEDED name).
package struct VersionNeed: Sendable, Equatable, Hashable {
    package var library: String
    package var version: String
    /// VER_FLG_WEAK: glibc only warns when a weak version is missing.
    package var weak: Bool

    package init(library: String, version: String, weak: Bool = false) {
        self.library = library
        self.version = version
        self.weak = weak
    }
}

/// A symbol name and the version it is bound to.
package struct SymbolVersion: Sendable, Equatable, Hashable, CustomStringConvertible {
    package var name: String
    package var version: String

    package init(name: String, version: String) {
        self.name = name
        self.version = version
    }

    package var description: String { "\(name)@\(version)" }
}

/// An undefined symbol wanting `symbol.version` from `library`.
package struct VersionedSymbol: Sendable, Equatable, Hashable {
    package var symbol: SymbolVersion
    package var library: String
    /// STB_WEAK: a weak reference that finds nothing is no error.
    package var weak: Bool

    package init(symbol: SymbolVersion, library: String, weak: Bool = false) {
        self.symbol = symbol
        self.library = library
        self.weak = weak
    }
}
