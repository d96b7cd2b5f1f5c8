#if canImport(Glibc)
import Glibc
#endif

/// Opens a path for reading only after it proves to be a regular, non-empty file. O_NONBLOCK keeps a FIFO
/// from hanging the open; fstat on the open descriptor decides, so the answer is about the file actually
/// read. The ELF magic is libelf's to check; `rejection()` explains a refusal.
struct OpenedFile: ~Copyable {
    let descriptor: Int32
    let size: Int

    static func open(path: String) throws(InspectError) -> OpenedFile {
        let fd = retryingEINTR { Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY) }
        guard fd >= 0 else { throw .cannotOpen(path: path, reason: errnoText()) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let reason = errnoText()
            _ = close(fd)
            throw .cannotOpen(path: path, reason: reason)
        }
        let mode = st.st_mode & S_IFMT
        guard mode == S_IFREG else {
            _ = close(fd)
            throw .notRegularFile(path: path, kind: fileKindName(mode))
        }
        guard let size = Int(exactly: st.st_size), size > 0 else {
            _ = close(fd)
            throw .notELF(path: path, reason: "empty file")
        }
        return OpenedFile(descriptor: fd, size: size)
    }

    /// Why this file is not an ELF file libelf can read, from its first bytes; nil when they look fine.
    func rejection() -> String? {
        var head = [UInt8](repeating: 0, count: 16)
        let got = head.withUnsafeMutableBytes { buf in retryingEINTR { pread(descriptor, buf.baseAddress, 16, 0) } }
        guard got >= 0 else { return "unreadable: \(errnoText())" }
        return ELFIdent.rejection(Array(head.prefix(got)), fileSize: size)
    }

    deinit { _ = close(descriptor) }
}

/// The first bytes of a file, judged before libelf sees it.
enum ELFIdent {
    static func rejection(_ head: [UInt8], fileSize: Int) -> String? {
        guard head.count >= 4, head[0] == 0x7f, head[1] == 0x45, head[2] == 0x4c, head[3] == 0x46 else {
            if head.starts(with: [0x23, 0x21]) { return "a script: starts with '#!'" }
            if head.starts(with: Array("!<arch>".utf8)) { return "an ar archive" }
            let shown = head.prefix(4).map { hex2($0) }.joined(separator: " ")
            return "bad magic \(shown)"
        }
        guard head.count >= 16, fileSize >= 52 else { return "truncated: \(fileSize) bytes, shorter than an ELF header" }
        guard head[4] == 1 || head[4] == 2 else { return "unknown ELF class \(head[4])" }
        guard head[5] == 1 || head[5] == 2 else { return "unknown data encoding \(head[5])" }
        return nil
    }

    private static func hex2(_ b: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(b >> 4)], digits[Int(b & 0xf)]])
    }
}

func retryingEINTR<T: BinaryInteger>(_ call: () -> T) -> T {
    while true {
        let r = call()
        if r >= 0 || errno != EINTR { return r }
    }
}

func errnoText() -> String {
    guard let s = strerror(errno) else { return "errno \(errno)" }
    return String(cString: s).lowercased()
}

private func fileKindName(_ mode: mode_t) -> String {
    switch mode {
    case S_IFDIR: "a directory"
    case S_IFIFO: "a FIFO"
    case S_IFCHR: "a character device"
    case S_IFBLK: "a block device"
    case S_IFSOCK: "a socket"
    case S_IFLNK: "a symbolic link"
    default: "mode \(String(mode, radix: 8))"
    }
}
