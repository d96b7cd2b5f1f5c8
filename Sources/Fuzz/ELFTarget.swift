import ELFInspection

/// The ELF reader, from memory: facts or a refusal.
enum ELFTarget {
    static func run(_ bytes: [UInt8]) -> String {
        switch ELFInspector.inspect(bytes: bytes, name: "fuzz-input") {
        case .facts(let facts): "read, \(facts.warnings.count) warnings"
        case .failure(_, let error): "refused: \(error)"
        }
    }
}
