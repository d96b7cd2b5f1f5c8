import ELFInspection
import FuzzCore

/// The ELF reader, from memory: facts or a refusal; then the loader's view `resolve` reads (version
/// tables and every dynamic symbol).
enum ELFTarget {
    static let target = FuzzTarget("elf", run)

    static func run(_ bytes: [UInt8]) -> String {
        let facts: String
        switch ELFInspector.inspect(bytes: bytes, name: "fuzz-input") {
        case .facts(let f): facts = "read, \(f.warnings.count) warnings"
        case .failure(_, let error): facts = "refused: \(error)"
        }
        switch ELFInspector.linkFacts(bytes: bytes, name: "fuzz-input") {
        case .success(let l): return facts + "; linkage: \(l.needed.count) needed, \(l.versionedImports.count) versioned imports"
        case .failure: return facts
        }
    }
}
