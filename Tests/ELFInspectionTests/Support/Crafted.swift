import Foundation
import Testing

@testable import ELFInspection

/// Byte-level ELF surgery for the hostile-input tests: header-only files made from nothing, and lies
/// patched into real files at the offsets their own headers give.
struct ELFImage {
    var bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }
    init(path: String) throws { bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    var is64: Bool { bytes.count > 4 && bytes[4] == 2 }

    // Little-endian only: every file the tests patch was built for x86_64, i686 or aarch64.
    func read(_ offset: Int, _ width: Int) -> UInt64 {
        var v: UInt64 = 0
        for i in (0..<width).reversed() { v = v << 8 | UInt64(bytes[offset + i]) }
        return v
    }

    mutating func write(_ offset: Int, _ width: Int, _ value: UInt64) {
        for i in 0..<width { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i))) }
    }

    // ELF header fields: (offset, width) for ELF64, ELF32.
    var phoffField: (Int, Int) { is64 ? (0x20, 8) : (0x1C, 4) }
    var shoffField: (Int, Int) { is64 ? (0x28, 8) : (0x20, 4) }
    var phentsizeField: (Int, Int) { is64 ? (0x36, 2) : (0x2A, 2) }
    var phnumField: (Int, Int) { is64 ? (0x38, 2) : (0x2C, 2) }
    var shentsizeField: (Int, Int) { is64 ? (0x3A, 2) : (0x2E, 2) }
    var shnumField: (Int, Int) { is64 ? (0x3C, 2) : (0x30, 2) }
    var shstrndxField: (Int, Int) { is64 ? (0x3E, 2) : (0x32, 2) }

    func field(_ f: (Int, Int)) -> Int { Int(read(f.0, f.1)) }
    mutating func set(_ f: (Int, Int), _ value: UInt64) { write(f.0, f.1, value) }

    struct ProgramHeader { var index: Int; var offset: Int; var type: UInt32; var fileOffset: Int; var fileSize: Int }
    struct SectionHeader { var index: Int; var offset: Int; var name: String; var type: UInt32; var flags: UInt64; var fileOffset: Int; var size: Int }

    var programHeaders: [ProgramHeader] {
        let base = field(phoffField), size = field(phentsizeField)
        return (0..<field(phnumField)).map { i in
            let at = base + i * size
            return is64
                ? ProgramHeader(index: i, offset: at, type: UInt32(read(at, 4)), fileOffset: Int(read(at + 8, 8)), fileSize: Int(read(at + 32, 8)))
                : ProgramHeader(index: i, offset: at, type: UInt32(read(at, 4)), fileOffset: Int(read(at + 4, 4)), fileSize: Int(read(at + 16, 4)))
        }
    }

    var sectionHeaders: [SectionHeader] {
        let base = field(shoffField), size = field(shentsizeField), count = field(shnumField)
        func raw(_ i: Int) -> (name: Int, type: UInt32, flags: UInt64, off: Int, size: Int) {
            let at = base + i * size
            return is64
                ? (Int(read(at, 4)), UInt32(read(at + 4, 4)), read(at + 8, 8), Int(read(at + 24, 8)), Int(read(at + 32, 8)))
                : (Int(read(at, 4)), UInt32(read(at + 4, 4)), read(at + 8, 4), Int(read(at + 16, 4)), Int(read(at + 20, 4)))
        }
        let strtab = raw(field(shstrndxField))
        return (0..<count).map { i in
            let r = raw(i)
            var end = strtab.off + r.name
            while bytes[end] != 0 { end += 1 }
            let name = String(decoding: bytes[(strtab.off + r.name)..<end], as: UTF8.self)
            return SectionHeader(index: i, offset: base + i * size, name: name, type: r.type, flags: r.flags, fileOffset: r.off, size: r.size)
        }
    }

    func section(_ name: String) -> SectionHeader? { sectionHeaders.first { $0.name == name } }

    /// A header-only ELF file: the identification and the ELF header, no program or section headers.
    static func headerOnly(
        class64: Bool = true, bigEndian: Bool = false, type: UInt16 = 2, machine: UInt16 = 62
    ) -> ELFImage {
        let size = class64 ? 64 : 52
        var b = [UInt8](repeating: 0, count: size)
        b[0...3] = [0x7f, 0x45, 0x4c, 0x46]
        b[4] = class64 ? 2 : 1
        b[5] = bigEndian ? 2 : 1
        b[6] = 1
        func put16(_ at: Int, _ v: UInt16) {
            if bigEndian { b[at] = UInt8(v >> 8); b[at + 1] = UInt8(v & 0xff) }
            else { b[at] = UInt8(v & 0xff); b[at + 1] = UInt8(v >> 8) }
        }
        put16(16, type)
        put16(18, machine)
        b[20] = bigEndian ? 0 : 1; b[23] = bigEndian ? 1 : 0  // e_version = 1
        put16(class64 ? 0x34 : 0x28, UInt16(size))  // e_ehsize
        put16(class64 ? 0x36 : 0x2A, class64 ? 56 : 32)  // e_phentsize
        put16(class64 ? 0x3A : 0x2E, class64 ? 64 : 40)  // e_shentsize
        return ELFImage(b)
    }
}

/// The hand-over between the worker thread and the waiting test: written once before `done` is signalled.
final class DeadlineBox<T>: @unchecked Sendable {
    var value: T?
    let done = DispatchSemaphore(value: 0)
}

/// Runs `body` on its own thread and waits at most `seconds`: a hang becomes a recorded failure
/// instead of a stuck test run (the stuck thread is abandoned).
func withDeadline<T: Sendable>(
    _ seconds: Double, _ what: String, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: @escaping @Sendable () -> T
) -> T? {
    let box = DeadlineBox<T>()
    let thread = Thread {
        box.value = body()
        box.done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
    if box.done.wait(timeout: .now() + seconds) == .timedOut {
        Issue.record("\(what): no answer within \(seconds) s (a hang)", sourceLocation: sourceLocation)
        return nil
    }
    return box.value
}

/// The hostile-input promise: a refusal that names the input and gives a reason, or facts carrying
/// warnings (when `mustWarn`), never a crash or a hang.
func expectRefusedOrWarned(
    _ result: InspectResult, name: String, mustWarn: Bool = true, sourceLocation: SourceLocation = #_sourceLocation
) {
    switch result {
    case .failure(let path, let error):
        #expect(path == name, sourceLocation: sourceLocation)
        #expect(error.description.contains(name), "the message names the input: \(error)", sourceLocation: sourceLocation)
        let reason = error.description.replacingOccurrences(of: "'\(name)'", with: "")
            .trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
        #expect(reason.count > 3, "the message gives a reason: \(error)", sourceLocation: sourceLocation)
    case .facts(let f):
        #expect(f.path == name, sourceLocation: sourceLocation)
        if mustWarn {
            #expect(!f.warnings.isEmpty, "facts from a broken file must carry warnings: \(name)", sourceLocation: sourceLocation)
        }
        #expect(f.warnings.allSatisfy { !$0.isEmpty }, sourceLocation: sourceLocation)
    }
}
