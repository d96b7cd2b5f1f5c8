/// One input path's answer: its facts, or why it could not be read.
package enum InspectResult: Sendable, Equatable {
    case facts(ELFFacts)
    case failure(path: String, error: InspectError)

    package var path: String {
        switch self {
        case .facts(let f): f.path
        case .failure(let path, _): path
        }
    }
}

/// Why a path gave no facts. Messages are lowercase, name the path, and say the reason.
package enum InspectError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case notRegularFile(path: String, kind: String)
    case notELF(path: String, reason: String)
    case malformed(path: String, reason: String)

    package var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "'\(path)': cannot open: \(reason)"
        case .notRegularFile(let path, let kind): "'\(path)': not a regular file (\(kind))"
        case .notELF(let path, let reason): "'\(path)': not an ELF file (\(reason))"
        case .malformed(let path, let reason): "'\(path)': malformed ELF: \(reason)"
        }
    }
}
