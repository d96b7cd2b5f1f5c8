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
