import CLibElf

#if canImport(Glibc)
import Glibc
#endif

/// A libelf descriptor and the memory it borrows. Lives only inside `ELFHandle.with...`; no pointer of it
/// leaves the Interop folder.
final class ELFHandle {
    let elf: OpaquePointer
    let fileSize: Int
    /// Where the few raw reads libelf has no call for (PT_INTERP, a section-less string table) come from:
    /// the open file, read with pread, or the caller's in-memory image.
    private let source: Source
    /// Buffers we hand to libelf (decompressed sections, an in-memory image) and free after elf_end.
    private var owned: [UnsafeMutableRawPointer] = []

    private enum Source {
        case file(descriptor: Int32)
        case memory(UnsafeRawBufferPointer)
    }

    private init(elf: OpaquePointer, fileSize: Int, source: Source) {
        self.elf = elf
        self.fileSize = fileSize
        self.source = source
    }

    deinit {
        elf_end(elf)
        for p in owned { free(p) }
    }

    /// Keeps `buffer` alive until the descriptor is gone.
    func adopt(_ buffer: UnsafeMutableRawPointer) { owned.append(buffer) }

    private static let libraryReady: Bool = elf_version(UInt32(EV_CURRENT)) != UInt32(EV_NONE)

    /// ELF_C_READ, not READ_MMAP: libelf then preads only the parts asked for. Over the 1,810 system files of
    /// the benchmark, mapping cost more in page faults and munmap than reading did.
    static func withFile<T>(_ file: borrowing OpenedFile, path: String, _ body: (ELFHandle) throws(InspectError) -> T) throws(InspectError) -> T {
        guard libraryReady else { throw .malformed(path: path, reason: "libelf refused version \(EV_CURRENT)") }
        guard let elf = elf_begin(file.descriptor, ELF_C_READ, nil) else {
            if let reason = file.rejection() { throw .notELF(path: path, reason: reason) }
            throw .malformed(path: path, reason: "elf_begin: \(libelfMessage())")
        }
        var ehdr = GElf_Ehdr()
        guard elf_kind(elf) == ELF_K_ELF, gelf_getehdr(elf, &ehdr) != nil else {
            let libelfReason = libelfMessage()
            elf_end(elf)
            if let reason = file.rejection() { throw .notELF(path: path, reason: reason) }
            throw .malformed(path: path, reason: "ELF header: \(libelfReason)")
        }
        let handle = ELFHandle(elf: elf, fileSize: file.size, source: .file(descriptor: file.descriptor))
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
        let image = UnsafeRawBufferPointer(start: copy, count: bytes.count)
        let handle = ELFHandle(elf: elf, fileSize: bytes.count, source: .memory(image))
        handle.adopt(copy)
        return try body(handle)
    }

    /// Whether a byte range lies wholly inside the file (pax-utils' VALID_RANGE).
    func contains(offset: UInt64, size: UInt64) -> Bool {
        guard let o = Int(exactly: offset), let s = Int(exactly: size) else { return false }
        return o <= fileSize && s <= fileSize - o
    }

    /// A copy of a byte range of the file, or nil when any part of it lies outside the file or the range is
    /// larger than `limit`.
    func read(offset: UInt64, size: UInt64, limit: Int = 1 << 24) -> [UInt8]? {
        guard contains(offset: offset, size: size), let o = Int(exactly: offset), let s = Int(exactly: size),
              s <= limit else { return nil }
        switch source {
        case .memory(let image):
            return Array(image[o..<(o + s)])
        case .file(let fd):
            var out = [UInt8](repeating: 0, count: s)
            var done = 0
            while done < s {
                let n = out.withUnsafeMutableBytes { buf -> Int in
                    guard let base = buf.baseAddress else { return -1 }
                    return retryingEINTR { pread(fd, base + done, s - done, off_t(o + done)) }
                }
                guard n > 0 else { return nil }
                done += n
            }
            return out
        }
    }
}

func libelfMessage() -> String {
    guard let m = elf_errmsg(-1) else { return "unknown libelf error" }
    return String(cString: m).lowercased()
}

/// A NUL-terminated string inside `buffer`, cut at the buffer's end if the NUL is missing.
func boundedCString<C: Collection<UInt8>>(_ buffer: C) -> String {
    String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
}
