/// The located errors of the readers, as diagnostics: the text is the one each printed before.
extension MatrixError: DiagnosticConvertible {
    package var diagnostic: Diagnostic {
        .error(message, at: .file(path, line: location?.line, column: location?.column))
    }
}

extension KnownFailuresError: DiagnosticConvertible {
    /// `location` is `file:line` already.
    package var diagnostic: Diagnostic { .error(message, at: .file(location)) }
}

extension FixtureDiscovery.Failure: DiagnosticConvertible {
    package var diagnostic: Diagnostic { .error(message, at: .file(path)) }
}

extension MergeError: DiagnosticConvertible {
    package var diagnostic: Diagnostic {
        switch self {
        case .noInputs:
            return .error("no reports to merge")
        case .unreadable(let file, let detail):
            return .error(detail, at: .file(file))
        case .differentMatrices(let file, let other, let detail):
            return .error("not the same matrix as '\(other)': \(detail)", at: .file(file))
        case .disagreeingMetadata(let file, let other, let field):
            return .error("'\(field)' differs from '\(other)'", at: .file(file))
        case .mixedShardCounts(let file, let other, let counts):
            return .error("shard of \(counts.0) parts, but '\(other)' is a shard of \(counts.1)", at: .file(file))
        case .overlappingShards(let file, let other, let shard):
            return .error("shard \(shard) is also '\(other)'", at: .file(file))
        case .duplicateCell(let id, let file, let other):
            return .error("cell '\(id)' is also in '\(other)'", at: .file(file))
        }
    }
}

extension ComparisonError: DiagnosticConvertible {
    package var diagnostic: Diagnostic {
        switch self {
        case .differentMatrices(let old, let new):
            return .error("the reports come from different matrices ('\(old)' and '\(new)'); compare runs of one matrix")
        case .schemaVersion(let file, let version):
            return .error("report schema_version \(version); this toolgate reads version \(Report.schemaVersion)", at: .file(file))
        }
    }
}
