/// Why `toolgate merge` refuses its inputs; every message names the files concerned.
package enum MergeError: Error, CustomStringConvertible, Equatable {
    case noInputs
    case unreadable(file: String, detail: String)
    case differentMatrices(file: String, other: String, detail: String)
    case disagreeingMetadata(file: String, other: String, field: String)
    case mixedShardCounts(file: String, other: String, counts: (Int, Int))
    case overlappingShards(file: String, other: String, shard: Shard)
    case duplicateCell(id: String, file: String, other: String)

    package var description: String {
        switch self {
        case .noInputs:
            return "error: no reports to merge"
        case .unreadable(let file, let detail):
            return "\(file): error: \(detail)"
        case .differentMatrices(let file, let other, let detail):
            return "\(file): error: not the same matrix as '\(other)': \(detail)"
        case .disagreeingMetadata(let file, let other, let field):
            return "\(file): error: '\(field)' differs from '\(other)'"
        case .mixedShardCounts(let file, let other, let counts):
            return "\(file): error: shard of \(counts.0) parts, but '\(other)' is a shard of \(counts.1)"
        case .overlappingShards(let file, let other, let shard):
            return "\(file): error: shard \(shard) is also '\(other)'"
        case .duplicateCell(let id, let file, let other):
            return "\(file): error: cell '\(id)' is also in '\(other)'"
        }
    }

    package static func == (a: MergeError, b: MergeError) -> Bool { a.description == b.description }
}
