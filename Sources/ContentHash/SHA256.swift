import CLibCrypto

/// SHA-256 from OpenSSL's libcrypto: the matrix file's hash in report metadata (`matrix.sha256`, a field
/// whose name promises this hash). The build cache uses XXH3-128 (ContentHasher).
package enum SHA256 {
    /// 64 hex digits; the empty string only if libcrypto fails, which it does not for SHA-256 in memory.
    package static func hex(_ bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBytes { input in
            digest.withUnsafeMutableBytes { out in
                EVP_Digest(input.baseAddress, input.count, out.baseAddress?.assumingMemoryBound(to: UInt8.self), &length, EVP_sha256(), nil)
            }
        }
        guard ok == 1, length == 32 else { return "" }
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in digest { out += [digits[Int(b >> 4)], digits[Int(b & 15)]] }
        return String(decoding: out, as: UTF8.self)
    }
}
