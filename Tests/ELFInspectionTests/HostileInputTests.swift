import Foundation
import Testing

@testable import ELFInspection

/// Whatever the bytes: a refusal naming the path and the reason, or facts with warnings; never a
/// crash, a hang, or an allocation without bound.
@Suite("hostile input", .blocking)
struct HostileInputTests {
    // MARK: - Not ELF, not a regular file

    @Test("a missing path: cannot open, naming the path")
    func missing() throws {
        let path = "/nonexistent/toolgate/missing-\(UUID().uuidString)"
        let result = ELFInspector.inspect(path: path)
        guard case .failure(let p, .cannotOpen(_, let reason)) = result else {
            Issue.record("expected cannotOpen, got \(result)")
            return
        }
        #expect(p == path)
        #expect(!reason.isEmpty)
        expectRefusedOrWarned(result, name: path)
    }

    @Test("a directory is refused as not a regular file")
    func directory() throws {
        let dir = try Scratch()
        let result = ELFInspector.inspect(path: dir.path)
        guard case .failure(_, .notRegularFile) = result else {
            Issue.record("expected notRegularFile, got \(result)")
            return
        }
        expectRefusedOrWarned(result, name: dir.path)
    }

    @Test("a FIFO is refused without opening it for a read that would block")
    func fifo() throws {
        let dir = try Scratch()
        let path = dir.path("pipe")
        #expect(mkfifo(path, 0o600) == 0)
        let result = withDeadline(10, "inspect(path:) on a FIFO") { ELFInspector.inspect(path: path) }
        let r = try #require(result)
        guard case .failure(_, .notRegularFile) = r else {
            Issue.record("expected notRegularFile, got \(r)")
            return
        }
        expectRefusedOrWarned(r, name: path)
    }

    @Test("/dev/null and /dev/zero are devices, refused", arguments: ["/dev/null", "/dev/zero"])
    func device(_ path: String) throws {
        let result = try #require(withDeadline(10, "inspect(path:) on \(path)") { ELFInspector.inspect(path: path) })
        guard case .failure(_, .notRegularFile) = result else {
            Issue.record("expected notRegularFile, got \(result)")
            return
        }
        expectRefusedOrWarned(result, name: path)
    }

    @Test("non-ELF regular files are refused as not ELF", arguments: [
        ("empty", ""),
        ("text", "hello, this is plain text and not an ELF file at all\n"),
        ("script", "#!/bin/sh\necho not an elf\n"),
        ("almost", "\u{7f}ELG not quite"),
        ("three-bytes", "\u{7f}EL"),
    ])
    func notELF(_ name: String, _ content: String) throws {
        let dir = try Scratch()
        let path = try dir.write(name, content)
        let result = ELFInspector.inspect(path: path)
        guard case .failure(_, .notELF) = result else {
            Issue.record("expected notELF for \(name), got \(result)")
            return
        }
        expectRefusedOrWarned(result, name: path)
    }

    @Test("a real shell script from the system is not ELF")
    func systemScript() throws {
        let script = try #require(["/usr/bin/ldd", "/usr/bin/zgrep", "/usr/bin/which"].first {
            FileManager.default.fileExists(atPath: $0)
        })
        let result = ELFInspector.inspect(path: script)
        guard case .failure(_, .notELF) = result else {
            Issue.record("expected notELF, got \(result)")
            return
        }
    }

    @Test("a symlink to an ELF file is followed")
    func symlink() throws {
        let dir = try Scratch()
        let link = dir.path("link")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/usr/bin/true")
        let f = try facts(link)
        #expect(f.path == link)
        #expect(f.type == .dyn)
    }

    // MARK: - Crafted headers

    @Test("header-only files: machine names and type names from the definitions", arguments: [
        (true, false, UInt16(4), UInt16(62), "core", "x86_64", 64),
        (true, false, 1, 183, "rel", "aarch64", 64),
        (false, false, 2, 3, "exec", "i386", 32),
        (false, false, 3, 40, "dyn", "arm", 32),
        (true, false, 2, 243, "exec", "riscv", 64),
        (false, true, 2, 8, "exec", "EM_8", 32),
        (true, true, 3, 21, "dyn", "EM_21", 64),
        (true, false, 0, 62, "other", "x86_64", 64),
        (true, false, 0xFE00, 62, "other", "x86_64", 64),
    ] as [(Bool, Bool, UInt16, UInt16, String, String, Int)])
    func headerOnly(
        _ class64: Bool, _ bigEndian: Bool, _ type: UInt16, _ machine: UInt16, _ typeName: String,
        _ machineName: String, _ elfClass: Int
    ) throws {
        let image = ELFImage.headerOnly(class64: class64, bigEndian: bigEndian, type: type, machine: machine)
        let result = ELFInspector.inspect(bytes: image.bytes, name: "crafted")
        guard case .facts(let f) = result else {
            Issue.record("a well-formed header-only file must give facts: \(result)")
            return
        }
        #expect(f.type.rawValue == typeName)
        #expect(f.machine == machineName)
        #expect(f.elfClass == elfClass)
        #expect(f.interpreter == nil && f.needed.isEmpty && f.buildID == nil)
        #expect(f.sizes.file == image.bytes.count)
        #expect(!f.nxStack, "no PT_GNU_STACK counts as executable")
        #expect(f.relro == .none)
        // Nothing to tell from: never a guess.
        #expect(f.hardening.canary.state == .unknown)
        #expect(f.libgcc == .unknown)
        #expect(f.debug.unavailable != nil)
    }

    @Test("a core-like file: ET_CORE with a PT_NOTE segment")
    func coreLike() throws {
        var image = ELFImage.headerOnly(type: 4, machine: 62)
        // One PT_NOTE program header right after the ELF header, then an NT_PRSTATUS-shaped note.
        image.set(image.phoffField, 64)
        image.set(image.phnumField, 1)
        var ph = [UInt8](repeating: 0, count: 56)
        let note: [UInt8] = [5, 0, 0, 0, 8, 0, 0, 0, 1, 0, 0, 0] + Array("CORE\0\0\0\0".utf8) + [UInt8](repeating: 0xAB, count: 8)
        func put(_ at: Int, _ width: Int, _ v: UInt64) {
            for i in 0..<width { ph[at + i] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(i))) }
        }
        put(0, 4, 4)  // PT_NOTE
        put(8, 8, 120)  // p_offset
        put(32, 8, UInt64(note.count))  // p_filesz
        put(40, 8, UInt64(note.count))
        put(48, 8, 4)
        image.bytes += ph + note
        let dir = try Scratch()
        let path = try dir.write("core", bytes: image.bytes)
        let f = try facts(path)
        #expect(f.type == .core)
        #expect(f.machine == "x86_64")
        #expect(f.buildID == nil)
        #expect(!f.pie && !f.isStatic)
    }

    @Test("invalid identification bytes are refused", arguments: [
        ("class 3", 4, UInt8(3)), ("class 0", 4, 0), ("data 3", 5, 3), ("data 0", 5, 0),
    ] as [(String, Int, UInt8)])
    func badIdent(_ label: String, _ offset: Int, _ value: UInt8) {
        var image = ELFImage.headerOnly()
        image.bytes[offset] = value
        let result = ELFInspector.inspect(bytes: image.bytes, name: label)
        guard case .failure = result else {
            Issue.record("\(label): expected a refusal, got \(result)")
            return
        }
        expectRefusedOrWarned(result, name: label)
    }

    /// A real program with everything the lies below need: an interpreter, a build-id note, and
    /// zlib-compressed debug sections.
    private func victim(_ dir: Scratch, _ arch: Arch = .x86_64, compression: String = "zlib") throws -> ELFImage {
        let family: Family = compression == "zstd" ? .clang : .gcc
        let exe = try dir.build(
            Compiler(family: family, arch: arch, language: .c), Programs.sizable,
            flags: ["-g", "-gz=\(compression)"], output: "victim-\(arch)-\(compression)")
        let image = try ELFImage(path: exe)
        let f = try facts(exe)
        #expect(f.warnings.isEmpty, "the unpatched victim reads cleanly: \(f.warnings)")
        return image
    }

    /// What a lie must produce besides "no crash, no hang".
    enum Outcome: Sendable {
        /// A refusal, or facts with warnings.
        case warn
        /// A refusal, facts with warnings, or facts saying why DWARF is unavailable.
        case warnOrDebugUnavailable
        /// Any answer naming the input: the lie touches data a reader may take from elsewhere (the
        /// dynamic segment instead of the section), or that ends a list anyway.
        case answer
    }

    struct Lie: Sendable, CustomStringConvertible {
        var description: String
        var outcome: Outcome = .warn
        var patch: @Sendable (inout ELFImage) -> Void
    }

    static let lies: [Lie] = [
        Lie(description: "e_phoff beyond the file") { $0.set($0.phoffField, UInt64($0.bytes.count + 4096)) },
        Lie(description: "e_phoff near UInt64.max") { $0.set($0.phoffField, UInt64.max - 16) },
        Lie(description: "e_shoff beyond the file") { $0.set($0.shoffField, UInt64($0.bytes.count + 1)) },
        Lie(description: "e_shoff near UInt64.max") { $0.set($0.shoffField, UInt64.max - 63) },
        Lie(description: "huge e_shnum") { $0.set($0.shnumField, 0xFFFF) },
        Lie(description: "huge e_phnum") { $0.set($0.phnumField, 0xFFFF) },
        Lie(description: "e_shstrndx out of range") { $0.set($0.shstrndxField, 0xFFF0) },
        Lie(description: "e_phentsize of 1") { $0.set($0.phentsizeField, 1) },
        Lie(description: "e_shentsize of 0xFFFF") { $0.set($0.shentsizeField, 0xFFFF) },
        Lie(description: "PT_INTERP pointing past EOF") { image in
            guard let interp = image.programHeaders.first(where: { $0.type == 3 }) else { return }
            image.write(interp.offset + 8, 8, UInt64(image.bytes.count + 100))
        },
        Lie(description: "PT_INTERP with a huge size") { image in
            guard let interp = image.programHeaders.first(where: { $0.type == 3 }) else { return }
            image.write(interp.offset + 32, 8, 0x7FFF_FFFF_FFFF_FFFF)
        },
        Lie(description: "PT_INTERP without a terminating NUL", outcome: .answer) { image in
            guard let interp = image.programHeaders.first(where: { $0.type == 3 }) else { return }
            for i in 0..<interp.fileSize { image.bytes[interp.fileOffset + i] = 0x41 }
        },
        Lie(description: "a note with a huge namesz") { image in
            guard let note = image.section(".note.gnu.build-id") else { return }
            image.write(note.fileOffset, 4, 0xFFFF_FFF0)
        },
        Lie(description: "a note with a huge descsz") { image in
            guard let note = image.section(".note.gnu.build-id") else { return }
            image.write(note.fileOffset + 4, 4, 0x7FFF_FFFF)
        },
        Lie(description: "a compressed section claiming 1 TiB", outcome: .warnOrDebugUnavailable) { image in
            guard let info = image.section(".debug_info") else { return }
            image.write(info.fileOffset + 8, 8, 1 << 40)  // Elf64_Chdr.ch_size
        },
        Lie(description: "a compressed section with an unknown ch_type", outcome: .warnOrDebugUnavailable) { image in
            guard let info = image.section(".debug_info") else { return }
            image.write(info.fileOffset, 4, 0x77)
        },
        Lie(description: "a compressed section whose data is garbage", outcome: .warnOrDebugUnavailable) { image in
            guard let info = image.section(".debug_info") else { return }
            for i in 24..<min(info.size, 200) { image.bytes[info.fileOffset + i] ^= 0x5A }
        },
        Lie(description: ".dynamic's sh_offset past EOF", outcome: .answer) { image in
            guard let dyn = image.section(".dynamic") else { return }
            image.write(dyn.offset + 24, 8, UInt64(image.bytes.count) * 4)
        },
        Lie(description: ".dynstr's sh_size past EOF", outcome: .answer) { image in
            guard let s = image.section(".dynstr") else { return }
            image.write(s.offset + 32, 8, 0x10_0000_0000)
        },
        Lie(description: ".gnu.version_r with a lying vn_cnt", outcome: .answer) { image in
            guard let s = image.section(".gnu.version_r") else { return }
            image.write(s.fileOffset + 2, 2, 0xFFFF)  // vn_cnt = 65535 with the aux chain unchanged
        },
        Lie(description: ".comment's sh_size past EOF") { image in
            guard let s = image.section(".comment") else { return }
            image.write(s.offset + 32, 8, UInt64.max / 2)
        },
    ]

    @Test("lying headers in a real x86_64 program: refused or warned", arguments: lies)
    func lyingHeaders(_ lie: Lie) throws {
        let dir = try Scratch()
        try checkLie(lie, on: try victim(dir), in: dir, label: "x86_64-zlib")
    }

    @Test("lying headers in a clang-19 zstd program: refused or warned", arguments: lies)
    func lyingHeadersZstd(_ lie: Lie) throws {
        let dir = try Scratch()
        try checkLie(lie, on: try victim(dir, compression: "zstd"), in: dir, label: "x86_64-zstd")
    }

    private func checkLie(_ lie: Lie, on original: ELFImage, in dir: Scratch, label: String) throws {
        var image = original
        lie.patch(&image)
        #expect(image.bytes != original.bytes, "the lie '\(lie)' must change the file")
        let name = "\(label): \(lie)"
        // In memory and from a file: both paths of the reader.
        let bytes = image.bytes
        let inMemory = try #require(withDeadline(30, name) { ELFInspector.inspect(bytes: bytes, name: name) })
        expect(inMemory, lie.outcome, name: name)
        let path = try dir.write("patched", bytes: image.bytes)
        let fromFile = try #require(withDeadline(30, name) { ELFInspector.inspect(path: path) })
        expect(fromFile, lie.outcome, name: path)
    }

    private func expect(_ result: InspectResult, _ outcome: Outcome, name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        switch (outcome, result) {
        case (.warnOrDebugUnavailable, .facts(let f)) where f.warnings.isEmpty:
            #expect(f.debug.unavailable != nil, "\(name): no warning, and DWARF was read from a broken section",
                    sourceLocation: sourceLocation)
            expectRefusedOrWarned(result, name: name, mustWarn: false, sourceLocation: sourceLocation)
        case (.answer, _):
            expectRefusedOrWarned(result, name: name, mustWarn: false, sourceLocation: sourceLocation)
        default:
            expectRefusedOrWarned(result, name: name, sourceLocation: sourceLocation)
        }
    }

    // MARK: - Truncated and flipped copies

    @Test("truncated copies of real programs at many lengths", arguments: [
        Compiler.gcc(.x86_64), .gcc(.i686), .gcc(.aarch64), .clang(.x86_64),
    ])
    func truncated(_ compiler: Compiler) throws {
        let dir = try Scratch()
        let exe = try dir.build(compiler, Programs.hello, flags: ["-g", "-gz=zlib"], output: "whole")
        let full = try ELFImage(path: exe)
        let shEnd = full.field(full.shoffField) + full.field(full.shnumField) * full.field(full.shentsizeField)
        #expect(shEnd == full.bytes.count, "the section header table ends the file, so any cut is detectable")
        var lengths: Set<Int> = [0, 1, 3, 4, 5, 6, 15, 16, 17, 51, 52, 53, 63, 64, 65, 120, 200, 512, 4096]
        for ph in full.programHeaders { lengths.formUnion([ph.offset, ph.offset + 1, ph.fileOffset, ph.fileOffset + ph.fileSize - 1]) }
        for sh in full.sectionHeaders { lengths.formUnion([sh.offset + 8, sh.fileOffset + 1, sh.fileOffset + sh.size / 2]) }
        var rng = SplitMix64(seed: 0x70_01_6A_7E)
        for _ in 0..<40 { lengths.insert(Int.random(in: 0..<full.bytes.count, using: &rng)) }
        lengths.insert(full.bytes.count - 1)
        var silent: [Int] = []
        for length in lengths.sorted() where length >= 0 && length < full.bytes.count {
            let cut = Array(full.bytes[..<length])
            let name = "\(compiler) cut at \(length) of \(full.bytes.count)"
            guard let result = withDeadline(30, name, { ELFInspector.inspect(bytes: cut, name: name) }) else { continue }
            expectRefusedOrWarned(result, name: name, mustWarn: false)
            if case .facts(let f) = result, f.warnings.isEmpty { silent.append(length) }
        }
        // One failure listing every length read as if nothing were missing.
        #expect(silent.isEmpty, "\(silent.count) of \(lengths.count) cuts gave facts without warnings, at \(silent)")
        // And through the file path, for a few of them.
        for length in [0, 10, 64, full.bytes.count / 2, full.bytes.count - 1] {
            let path = try dir.write("cut-\(length)", bytes: Array(full.bytes[..<length]))
            expectRefusedOrWarned(ELFInspector.inspect(path: path), name: path)
        }
    }

    @Test("truncated copies of system files: refused or warned", arguments: [
        "/usr/bin/true", "/usr/lib/x86_64-linux-gnu/libc.so.6", "/usr/aarch64-linux-gnu/lib/libc.so.6",
    ])
    func truncatedSystem(_ path: String) throws {
        let full = try ELFImage(path: path)
        var rng = SplitMix64(seed: UInt64(path.utf8.count))
        var silent: [Int] = []
        for _ in 0..<25 {
            let length = Int.random(in: 0..<full.bytes.count, using: &rng)
            let cut = Array(full.bytes[..<length])
            let name = "\(path) cut at \(length)"
            guard let result = withDeadline(30, name, { ELFInspector.inspect(bytes: cut, name: name) }) else { continue }
            expectRefusedOrWarned(result, name: name, mustWarn: false)
            if case .facts(let f) = result, f.warnings.isEmpty { silent.append(length) }
        }
        #expect(silent.isEmpty, "cuts of \(path) (\(full.bytes.count) bytes) gave facts without warnings, at \(silent)")
    }

    @Test("byte-flipped copies: an answer for every one, naming the input", arguments: [
        ("gcc-zlib", Compiler.gcc(.x86_64), ["-g", "-gz=zlib"]),
        ("clang-zstd", Compiler.clang(.x86_64), ["-g", "-gz=zstd"]),
        ("gcc-i686", Compiler.gcc(.i686), ["-g"]),
        ("gcc-aarch64-static", Compiler.gcc(.aarch64), ["-static", "-Os"]),
    ] as [(String, Compiler, [String])])
    func flipped(_ label: String, _ compiler: Compiler, _ flags: [String]) throws {
        let dir = try Scratch()
        let exe = try dir.build(compiler, Programs.hello, flags: flags, output: label)
        let original = try ELFImage(path: exe)
        var rng = SplitMix64(seed: 0xF11B + UInt64(label.utf8.count))
        for round in 0..<150 {
            var bytes = original.bytes
            let flips = Int.random(in: 1...16, using: &rng)
            for _ in 0..<flips {
                // Half the flips in the first 4 KiB, where the headers are.
                let limit = Bool.random(using: &rng) ? min(4096, bytes.count) : bytes.count
                let at = Int.random(in: 0..<limit, using: &rng)
                bytes[at] ^= UInt8.random(in: 1...255, using: &rng)
            }
            let name = "\(label) flip round \(round)"
            let snapshot = bytes
            guard let result = withDeadline(30, name, { ELFInspector.inspect(bytes: snapshot, name: name) }) else { continue }
            expectRefusedOrWarned(result, name: name, mustWarn: false)
        }
    }
}
