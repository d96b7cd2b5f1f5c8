/// What the interop layer collects in one pass over a file, as plain values. Classification turns it into
/// `ELFFacts`; nothing here decides anything.
struct RawScan {
    var elfClass = 0
    var bigEndian = false
    var machineCode: UInt16 = 0
    var typeCode: UInt16 = 0
    var fileSize = 0
    var segments: [Segment] = []
    var sections: [Section] = []
    var interpreter: String?
    var dynamic = DynamicEntries()
    var buildID: String?
    var properties = GNUProperties()
    var symbols = SymbolSummary()
    var versionNeeds = VersionNeeds()
    var comment: [String] = []
    var debug = DebugFacts()
    /// The version and dynamic-symbol tables the loader's checks need: read only when asked for
    /// (`toolgate resolve`, a cell's resolution), since `inspect` has no use for every symbol name.
    var linkage: LinkageTables?
    var warnings: [String] = []
    /// A header table or a section could not be read whole: an absent note or symbol then proves nothing,
    /// and verdicts that rest on absence say "unknown".
    var damaged = false

    mutating func warn(_ message: String, damaging: Bool = true) {
        warnings.append(message)
        if damaging { damaged = true }
    }

    struct Segment {
        var type: UInt32
        var flags: UInt32
        var offset: UInt64
        var fileSize: UInt64
        var vaddr: UInt64
        var memSize: UInt64
        var align: UInt64
    }

    struct Section {
        var index: Int
        var name: String
        var type: UInt32
        var flags: UInt64
        var size: UInt64
        var link: UInt32
        /// From the compression header when SHF_COMPRESSED, or the .zdebug prefix.
        var compression: CompressedSection.Kind?
        var compressionType: UInt32 = 0
        var uncompressedSize: UInt64 = 0
    }

    struct DynamicEntries {
        var present = false
        var needed: [String] = []
        var soname: String?
        var rpath: [String] = []
        var runpath: [String] = []
        var flags: UInt64 = 0
        var flags1: UInt64 = 0
        var hasBindNow = false
        var hasTextrel = false
    }

    /// The x86 and AArch64 feature bits of NT_GNU_PROPERTY_TYPE_0, when the note carries them.
    struct GNUProperties {
        var notePresent = false
        var x86Features: UInt32?
        var aarch64Features: UInt32?
        /// GNU_PROPERTY_X86_ISA_1_NEEDED's bit mask (X86ISALevel names the bits).
        var x86IsaNeeded: UInt32?
    }

    struct SymbolSummary {
        var symtabCount = 0
        var dynsymCount = 0
        var hasSymtab: Bool { symtabCount > 0 }
        var hasDynsym: Bool { dynsymCount > 0 }
        /// Canary symbols seen, with "defined" or "referenced" and the table.
        var canary: [String] = []
        /// Distinct __*_chk names, sorted.
        var fortified: Set<String> = []
        /// libgcc unwinder or helper symbols defined in the file.
        var libgccDefined: [String] = []
    }
}

/// The raw version and symbol tables, indexed as the file indexes them: a versym entry names a version by
/// its index, which is a Verdef's vd_ndx (defined symbols) or a Vernaux's vna_other (undefined ones).
struct LinkageTables {
    struct NeededVersion { var library: String; var version: String; var weak: Bool }
    struct Definition { var name: String; var base: Bool }
    struct DynamicSymbol { var name: String; var defined: Bool; var weak: Bool; var local: Bool; var hidden: Bool }

    var neededVersions: [UInt16: NeededVersion] = [:]
    var definitions: [UInt16: Definition] = [:]
    /// Whether SHT_GNU_verdef was there (a library without one accepts every version need, as glibc does).
    var hasDefinitions = false
    var versym: [UInt16] = []
    var symbols: [DynamicSymbol] = []
}
