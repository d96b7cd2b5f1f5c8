import CLibElf

#if canImport(Glibc)
import Glibc
#endif

/// A libelf descriptor and the memory it borrows. Lives only inside `ELFHandle.with...`; no pointer of it
/// leaves the Interop folder.
final class ELFHandle {
    let elf: OpaquePointer
    let fileSize: Int
    /// The whole file image as libelf maps it, for the few reads libelf has no call for (PT_INTERP).
    let image: UnsafeRawBufferPointer
    /// Buffers we hand to libelf (decompressed sections, an in-memory image) and free after elf_end.
    private var owned: [UnsafeMutableRawPointer] = []

    private init(elf: OpaquePointer, fileSize: Int) {
        self.elf = elf
        self.fileSize = fileSize
        var rawSize = 0
        if let raw = elf_rawfile(elf, &rawSize) {
            image = UnsafeRawBufferPointer(start: raw, count: min(rawSize, fileSize))
        } else {
            image = UnsafeRawBufferPointer(start: nil, count: 0)
        }
    }

    deinit {
        elf_end(elf)
        for p in owned { free(p) }
    }

    /// Keeps `buffer` alive until the descriptor is gone.
    func adopt(_ buffer: UnsafeMutableRawPointer) { owned.append(buffer) }

    private static let libraryReady: Bool = elf_version(UInt32(EV_CURRENT)) != UInt32(EV_NONE)

    static func withFile<T>(_ file: borrowing OpenedFile, path: String, _ body: (ELFHandle) throws(InspectError) -> T) throws(InspectError) -> T {
        guard libraryReady else { throw .malformed(path: path, reason: "libelf refused version \(EV_CURRENT)") }
        guard let elf = elf_begin(file.descriptor, ELF_C_READ_MMAP, nil) else {
            throw .malformed(path: path, reason: "elf_begin: \(libelfMessage())")
        }
        guard elf_kind(elf) == ELF_K_ELF else {
            elf_end(elf)
            throw .notELF(path: path, reason: "libelf sees no ELF object")
        }
        let handle = ELFHandle(elf: elf, fileSize: file.size)
        return try body(handle)
    }

    static func withBytes<T>(_ bytes: [UInt8], name: String, _ body: (ELFHandle) throws(InspectError) -> T) throws(InspectError) -> T {
        guard libraryReady else { throw .malformed(path: name, reason: "libelf refused version \(EV_CURRENT)") }
        if let reason = ELFIdent.rejection(Array(bytes.prefix(16)), fileSize: bytes.count) {
            throw .notELF(path: name, reason: bytes.isEmpty ? "empty file" : reason)
        }
        // elf_memory wants memory it may write to and that outlives the descriptor: our own copy.
        guard let copy = malloc(bytes.count) else { throw .malformed(path: name, reason: "out of memory") }
        bytes.withUnsafeBytes { src in
            if let base = src.baseAddress { copy.copyMemory(from: base, byteCount: bytes.count) }
        }
        guard let elf = elf_memory(copy.assumingMemoryBound(to: CChar.self), bytes.count) else {
            free(copy)
            throw .malformed(path: name, reason: "elf_memory: \(libelfMessage())")
        }
        guard elf_kind(elf) == ELF_K_ELF else {
            elf_end(elf)
            free(copy)
            throw .notELF(path: name, reason: "libelf sees no ELF object")
        }
        let handle = ELFHandle(elf: elf, fileSize: bytes.count)
        handle.adopt(copy)
        return try body(handle)
    }

    /// A byte range of the file, or nil when any part of it lies outside (pax-utils' VALID_RANGE).
    func bytes(offset: UInt64, size: UInt64) -> UnsafeRawBufferPointer? {
        guard let o = Int(exactly: offset), let s = Int(exactly: size), o >= 0, s >= 0,
              o <= image.count, s <= image.count - o, let base = image.baseAddress else { return nil }
        return UnsafeRawBufferPointer(start: base + o, count: s)
    }
}

func libelfMessage() -> String {
    guard let m = elf_errmsg(-1) else { return "unknown libelf error" }
    return String(cString: m).lowercased()
}

/// A NUL-terminated string inside `buffer`, cut at the buffer's end if the NUL is missing.
func boundedCString(_ buffer: UnsafeRawBufferPointer) -> String {
    let bytes = buffer.prefix { $0 != 0 }
    return String(decoding: bytes, as: UTF8.self)
}
