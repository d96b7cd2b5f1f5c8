import Foundation

/// binutils' view of a file, parsed from readelf's text: the reference the reader is checked against.
public struct ReadelfView {
    public var elfClass: Int?
    public var machine: String?
    public var type: String?
    public var interpreter: String?
    public var needed: [String] = []
    public var soname: String?
    public var rpath: [String] = []
    public var runpath: [String] = []
    public var buildID: String?
    public var dynamicTags: [String: [String]] = [:]
    public var flags1: [String] = []
    public var flags: [String] = []
    public var segments: [(type: String, flags: String)] = []

    public var hasSegment: (String) -> Bool { { name in segments.contains { $0.type == name } } }

    /// `readelf -hldnW FILE` (the benchmark's command), parsed.
    public init(path: String) throws {
        let out = try Spawn.check("readelf", ["-hldnW", path], timeout: .seconds(60)).stdout
        try self.init(text: out)
    }

    public init(text: String) throws {
        var inProgramHeaders = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("Class:") {
                elfClass = trimmed.hasSuffix("ELF64") ? 64 : trimmed.hasSuffix("ELF32") ? 32 : nil
            } else if trimmed.hasPrefix("Machine:") {
                machine = ReadelfView.machineName(value(after: "Machine:", in: trimmed))
            } else if trimmed.hasPrefix("Type:"), type == nil {
                let word = value(after: "Type:", in: trimmed).split(separator: " ").first.map(String.init) ?? ""
                type = ["REL": "rel", "EXEC": "exec", "DYN": "dyn", "CORE": "core"][word] ?? "other"
            } else if trimmed.hasPrefix("[Requesting program interpreter: "), trimmed.hasSuffix("]") {
                interpreter = String(trimmed.dropFirst("[Requesting program interpreter: ".count).dropLast())
            } else if trimmed.hasPrefix("Program Headers:") {
                inProgramHeaders = true
            } else if inProgramHeaders, trimmed.isEmpty {
                inProgramHeaders = false
            } else if inProgramHeaders, !trimmed.hasPrefix("Type"), !trimmed.hasPrefix("[") {
                // "LOAD 0x000000 0x... 0x... 0x... 0x... R E 0x1000": the flags sit before the alignment.
                let fields = trimmed.split(separator: " ").map(String.init)
                if let kind = fields.first, fields.count >= 8 {
                    segments.append((kind, fields[6..<(fields.count - 1)].joined(separator: " ")))
                }
            } else if trimmed.hasPrefix("0x"), let open = trimmed.firstIndex(of: "("),
                let close = trimmed.firstIndex(of: ")"), open < close
            {
                let tag = String(trimmed[trimmed.index(after: open)..<close])
                let rest = String(trimmed[trimmed.index(after: close)...]).trimmingCharacters(in: .whitespaces)
                dynamicTags[tag, default: []].append(rest)
                switch tag {
                case "NEEDED": needed.append(bracketed(rest, after: "Shared library: ") ?? rest)
                case "SONAME": soname = bracketed(rest, after: "Library soname: ")
                case "RPATH": rpath = split(bracketed(rest, after: "Library rpath: ") ?? "")
                case "RUNPATH": runpath = split(bracketed(rest, after: "Library runpath: ") ?? "")
                case "FLAGS_1": flags1 = rest.replacingOccurrences(of: "Flags:", with: "").split(separator: " ").map(String.init)
                case "FLAGS": flags = rest.split(separator: " ").map(String.init)
                default: break
                }
            } else if let r = trimmed.range(of: "Build ID: ") {
                // -W puts the note's owner, size, type and the ID on one line.
                buildID = String(trimmed[r.upperBound...]).trimmingCharacters(in: .whitespaces)
            }
        }
    }

    private func value(after key: String, in line: String) -> String {
        String(line.dropFirst(key.count)).trimmingCharacters(in: .whitespaces)
    }

    private func bracketed(_ line: String, after key: String) -> String? {
        guard let r = line.range(of: key + "[") else { return nil }
        let rest = line[r.upperBound...]
        guard let end = rest.lastIndex(of: "]") else { return nil }
        return String(rest[..<end])
    }

    private func split(_ list: String) -> [String] {
        list.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    }

    /// readelf's machine names mapped onto the issue's: "x86_64", "i386", "aarch64", "arm", "riscv".
    public static func machineName(_ readelf: String) -> String {
        switch readelf {
        case "Advanced Micro Devices X86-64": "x86_64"
        case "Intel 80386": "i386"
        case "AArch64": "aarch64"
        case "ARM": "arm"
        case "RISC-V": "riscv"
        default: "readelf:" + readelf
        }
    }
}

/// Other readelf views the tests compare with.
public enum Readelf {
    /// `readelf -V`: the version-needs section as (library, [names]) in file order.
    public static func versionNeeds(_ path: String) throws -> [(String, [String])] {
        let out = try Spawn.check("readelf", ["-VW", path]).stdout
        var result: [(String, [String])] = []
        var inNeeds = false
        for raw in out.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("Version needs section") { inNeeds = true; continue }
            if line.hasPrefix("Version definition section") || line.hasPrefix("Version symbols section") {
                inNeeds = false; continue
            }
            guard inNeeds else { continue }
            if let r = line.range(of: "File: ") {
                let file = line[r.upperBound...].split(separator: " ").first.map(String.init) ?? ""
                result.append((file, []))
            } else if let r = line.range(of: "Name: "), !result.isEmpty {
                let name = line[r.upperBound...].split(separator: " ").first.map(String.init) ?? ""
                result[result.count - 1].1.append(name)
            }
        }
        return result
    }

    /// `readelf -p .comment`: the strings in order.
    public static func comment(_ path: String) throws -> [String] {
        let out = try Spawn.run("readelf", ["-p", ".comment", path]).stdout
        var strings: [String] = []
        for raw in out.split(separator: "\n") {
            let line = String(raw)
            guard line.hasPrefix("  ["), let close = line.firstIndex(of: "]") else { continue }
            let text = line[line.index(after: close)...].drop(while: { $0 == " " })
            strings.append(String(text))
        }
        return strings
    }

    /// `readelf -SW`: every section as (name, type, flags, size).
    public static func sections(_ path: String) throws -> [(name: String, type: String, flags: String, size: Int)] {
        let out = try Spawn.check("readelf", ["-SW", path]).stdout
        var result: [(String, String, String, Int)] = []
        for raw in out.split(separator: "\n") {
            let line = String(raw)
            guard let open = line.firstIndex(of: "["), let close = line.firstIndex(of: "]"), open < close,
                Int(line[line.index(after: open)..<close].trimmingCharacters(in: .whitespaces)) != nil
            else { continue }
            // "[Nr] Name Type Address Off Size ES Flg Lk Inf Al": Flg is empty for many sections, so
            // count the fixed columns from the right.
            let fields = line[line.index(after: close)...].split(separator: " ").map(String.init)
            guard fields.count >= 9 else { continue }
            let name = fields[0]
            let type = fields[1]
            let size = Int(fields[4], radix: 16) ?? 0
            let flags = fields.count >= 10 ? fields[6] : ""
            result.append((name, type, flags, size))
        }
        return result
    }

    /// The compression type readelf -t reports for each compressed section ("zlib" or "zstd").
    public static func compressedSections(_ path: String) throws -> [String: String] {
        let out = try Spawn.check("readelf", ["-tW", path]).stdout
        var result: [String: String] = [:]
        var current: String?
        for raw in out.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("["), let close = line.firstIndex(of: "]"),
                !line[line.index(after: close)...].hasPrefix(":")
            {
                // "[29] .debug_info"; the "[0000000000000800]: COMPRESSED" flag line is hex, not an index.
                let name = line[line.index(after: close)...].trimmingCharacters(in: .whitespaces)
                current = name.isEmpty ? nil : name
            } else if let current, line.hasPrefix("ZLIB,") {
                result[current] = "zlib"
            } else if let current, line.hasPrefix("ZSTD,") {
                result[current] = "zstd"
            }
        }
        return result
    }

    /// `readelf --debug-dump=info`: producers (distinct, first-seen order) and CU versions.
    public static func debugInfo(_ path: String) throws -> (producers: [String], versions: [Int]) {
        let out = try Spawn.check("readelf", ["--debug-dump=info", path], timeout: .seconds(120)).stdout
        var producers: [String] = []
        var versions: Set<Int> = []
        for raw in out.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("Version:"), let v = Int(line.dropFirst("Version:".count).trimmingCharacters(in: .whitespaces)) {
                versions.insert(v)
            } else if line.contains("DW_AT_producer") {
                // "<c>   DW_AT_producer    : (indirect string, offset: 0x0): GNU C17 12.2.0 -mtune=generic"
                let parts = line.components(separatedBy: "): ")
                let text = parts.count > 1 ? parts.dropFirst().joined(separator: "): ")
                    : String(line.split(separator: ":", maxSplits: 1).last ?? "").trimmingCharacters(in: .whitespaces)
                if !producers.contains(text) { producers.append(text) }
            }
        }
        return (producers, versions.sorted())
    }

    /// Symbol names from `readelf -sW` (both .dynsym and .symtab).
    public static func symbols(_ path: String) throws -> [String] {
        let out = try Spawn.check("readelf", ["-sW", path]).stdout
        return out.split(separator: "\n").compactMap { raw in
            let fields = raw.split(separator: " ")
            guard fields.count >= 8, fields[0].hasSuffix(":") else { return nil }
            return String(fields[7].split(separator: "@").first ?? "")
        }
    }
}
