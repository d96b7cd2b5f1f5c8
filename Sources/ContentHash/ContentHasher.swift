import CXXHash
import Glibc

/// XXH3-128 (xxHash): the build cache's keys and its files' content hashes. Chosen over SHA-256 by
/// benchmarks/hash.sh (docs/runner.md): about 5 times faster on libc.a, close to only reading the file.
/// This target is the interop target of the hashes: the C calls and their pointers stay here, and the
/// rest of toolgate sees byte arrays and hex strings.
package enum ContentHasher {
    /// The name written into the cache's key format, so that a change of hash is a change of key.
    package static let algorithm = "XXH3-128"

    /// The hash of `bytes` as 32 hex digits, high half first (xxHash's canonical order, as `xxhsum -H2` prints it).
    package static func hex(_ bytes: [UInt8]) -> String {
        hex(bytes.withUnsafeBytes { XXH3_128bits($0.baseAddress, $0.count) })
    }

    package static func hex(_ text: String) -> String { hex(Array(text.utf8)) }

    /// The hash of bytes in any contiguous collection (Foundation's `Data`, which this target does not
    /// import): hashed where they are, without a copy into an array.
    package static func hex<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        bytes.withContiguousStorageIfAvailable { hex(XXH3_128bits($0.baseAddress, $0.count)) } ?? hex(Array(bytes))
    }

    /// The hash of a file's content, streamed in 256 KiB reads; nil when it cannot be opened or read.
    package static func hex(ofFile path: String) -> String? {
        // O_NONBLOCK and the fstat: a FIFO or device put in place of the file cannot hang the read.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        guard let state = XXH3_createState() else { return nil }
        defer { XXH3_freeState(state) }
        XXH3_128bits_reset(state)
        var buffer = [UInt8](repeating: 0, count: 256 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            buffer.withUnsafeBytes { _ = XXH3_128bits_update(state, $0.baseAddress, n) }
        }
        return hex(XXH3_128bits_digest(state))
    }

    private static func hex(_ h: XXH128_hash_t) -> String { hex64(h.high64) + hex64(h.low64) }

    private static func hex64(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
