import Foundation
import Testing

@testable import ELFInspection

struct ReaderRefused: Error, CustomStringConvertible {
    var description: String
}

/// Reads `path` and returns its facts; a refusal is a test failure carrying the reader's message.
func facts(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ELFFacts {
    switch ELFInspector.inspect(path: path) {
    case .facts(let f):
        return f
    case .failure(_, let error):
        Issue.record("reader refused '\(path)': \(error)", sourceLocation: sourceLocation)
        throw ReaderRefused(description: error.description)
    }
}

/// The numeric order of glibc versions: GLIBC_2.9 < GLIBC_2.10 < GLIBC_2.34; GLIBC_PRIVATE is no version.
func glibcVersionKey(_ name: String) -> [Int]? {
    guard name.hasPrefix("GLIBC_") else { return nil }
    let parts = name.dropFirst("GLIBC_".count).split(separator: ".", omittingEmptySubsequences: false)
    let numbers = parts.compactMap { Int($0) }
    guard numbers.count == parts.count, (2...3).contains(numbers.count) else { return nil }
    return numbers
}

/// The highest GLIBC_x.y[.z] by numeric order, computed independently of the reader.
func expectedGlibcMax(_ names: [String]) -> String? {
    names.filter { glibcVersionKey($0) != nil }.max { a, b in
        let ka = glibcVersionKey(a) ?? [], kb = glibcVersionKey(b) ?? []
        return ka.lexicographicallyPrecedes(kb)
    }
}

/// The sizes the definitions give, computed from readelf -SW: allocated executable sections are code,
/// allocated sections with contents are data, allocated NOBITS sections are bss.
func expectedSizes(_ path: String) throws -> Sizes {
    var sizes = Sizes()
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    sizes.file = (attributes[.size] as? NSNumber)?.intValue ?? -1
    for s in try Readelf.sections(path) where s.flags.contains("A") {
        if s.type == "NOBITS" {
            sizes.bss += s.size
        } else if s.flags.contains("X") {
            sizes.code += s.size
        } else {
            sizes.data += s.size
        }
    }
    return sizes
}

extension Verdict {
    var hasEvidence: Bool { !evidence.trimmingCharacters(in: .whitespaces).isEmpty }
}

extension Hardening {
    var all: [(String, Verdict)] {
        [("canary", canary), ("fortify", fortify), ("cet_ibt", cetIBT), ("cet_shstk", cetSHSTK),
         ("bti", bti), ("pac", pac)]
    }
}

/// Checks the fields that readelf -hldnW shows against the reader's facts, one expectation per field so
/// a failure names the field.
func expectMatchesReadelf(
    _ f: ELFFacts, _ r: ReadelfView, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(f.elfClass == r.elfClass, "class of \(f.path)", sourceLocation: sourceLocation)
    #expect(f.machine == r.machine, "machine of \(f.path)", sourceLocation: sourceLocation)
    #expect(f.type.rawValue == r.type, "type of \(f.path)", sourceLocation: sourceLocation)
    #expect(f.interpreter == r.interpreter, "interpreter of \(f.path)", sourceLocation: sourceLocation)
    #expect(f.needed == r.needed, "needed of \(f.path)", sourceLocation: sourceLocation)
    #expect(f.soname == r.soname, "soname of \(f.path)", sourceLocation: sourceLocation)
    #expect(f.rpath == r.rpath, "rpath of \(f.path)", sourceLocation: sourceLocation)
    #expect(f.runpath == r.runpath, "runpath of \(f.path)", sourceLocation: sourceLocation)
    #expect(f.buildID == r.buildID, "build_id of \(f.path)", sourceLocation: sourceLocation)
}

/// The definitions of pie, static, bind_now, relro, nx_stack and textrel, applied to readelf's view.
struct DerivedFromReadelf {
    var pie: Bool
    var isStatic: Bool
    var bindNow: Bool
    var relro: Relro
    var nxStack: Bool
    var textrel: Bool

    init(_ r: ReadelfView) {
        let hasInterp = r.hasSegment("INTERP")
        let flag1PIE = r.flags1.contains("PIE")
        pie = r.type == "dyn" && (flag1PIE || hasInterp)
        isStatic = !hasInterp && (r.type == "exec" || (r.type == "dyn" && flag1PIE))
        bindNow = r.dynamicTags["BIND_NOW"] != nil || r.flags.contains("BIND_NOW") || r.flags1.contains("NOW")
        relro = !r.hasSegment("GNU_RELRO") ? .none : bindNow ? .full : .partial
        let stack = r.segments.first { $0.type == "GNU_STACK" }
        nxStack = stack.map { !$0.flags.contains("E") } ?? false
        textrel = r.dynamicTags["TEXTREL"] != nil || r.flags.contains("TEXTREL")
    }
}

func expectDerivedMatch(_ f: ELFFacts, _ r: ReadelfView, sourceLocation: SourceLocation = #_sourceLocation) {
    let d = DerivedFromReadelf(r)
    #expect(f.pie == d.pie, "pie of \(f.path)", sourceLocation: sourceLocation)
    #expect(f.isStatic == d.isStatic, "static of \(f.path)", sourceLocation: sourceLocation)
    #expect(f.bindNow == d.bindNow, "bind_now of \(f.path)", sourceLocation: sourceLocation)
    #expect(f.relro == d.relro, "relro of \(f.path)", sourceLocation: sourceLocation)
    #expect(f.nxStack == d.nxStack, "nx_stack of \(f.path)", sourceLocation: sourceLocation)
    #expect(f.textrel == d.textrel, "textrel of \(f.path)", sourceLocation: sourceLocation)
}
