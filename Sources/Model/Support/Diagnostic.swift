/// A message for the user, with where it comes from, printed the way compilers print theirs:
/// `matrices/default.toml:12:3: error: unknown link mode ...`, `r.json: error: not a toolgate report`,
/// `toolgate: error: cannot read 'x' ...` when no file is to blame, `toolgate: error: cell 'ID': ...`.
///
/// Thrown (`throw Diagnostic.error("...", at: .file(path, line: 3, column: 7))`), it is printed once, by
/// the entry point (Toolgate.main), which then exits with `status`: 2 (cannot run) unless said otherwise.
package struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Severity: String, Sendable {
        case error, warning, note
    }

    package enum Location: Sendable, Equatable {
        /// A file, and where in it when known. `path` is printed as given (a reader's `file:line` too).
        case file(String, line: Int? = nil, column: Int? = nil)
        /// A cell of the plan, by id.
        case cell(String)
    }

    package var severity: Severity
    package var message: String
    package var location: Location?
    /// The exit status when thrown.
    package var status: Int32

    package init(_ severity: Severity, _ message: String, at location: Location? = nil, status: Int32 = 2) {
        self.severity = severity
        self.message = message
        self.location = location
        self.status = status
    }

    package static func error(_ message: String, at location: Location? = nil, status: Int32 = 2) -> Diagnostic {
        Diagnostic(.error, message, at: location, status: status)
    }

    package static func warning(_ message: String, at location: Location? = nil) -> Diagnostic {
        Diagnostic(.warning, message, at: location, status: 0)
    }

    package static func note(_ message: String, at location: Location? = nil) -> Diagnostic {
        Diagnostic(.note, message, at: location, status: 0)
    }

    /// One line, without its newline.
    package var description: String {
        switch location {
        case .file(let path, let line, let column):
            let place = [line, column].compactMap { $0 }.reduce(path) { "\($0):\($1)" }
            return "\(place): \(severity.rawValue): \(message)"
        case .cell(let id):
            return "toolgate: \(severity.rawValue): cell '\(id)': \(message)"
        case nil:
            return "toolgate: \(severity.rawValue): \(message)"
        }
    }
}

/// Several diagnostics at once (every unknown cpu, every missing sysroot), printed in order; the
/// exit status is the first one's.
package struct Diagnostics: Error, Sendable, Equatable {
    package var all: [Diagnostic]
    package init(_ all: [Diagnostic]) { self.all = all }
    package var status: Int32 { all.first?.status ?? 2 }
}

/// A command's end with an exit status and nothing more to say (what went wrong is already printed).
package struct ExitStatus: Error, Sendable, Equatable {
    package var code: Int32
    package init(_ code: Int32) { self.code = code }
}

/// An error that is a located message: what the entry point prints for it.
package protocol DiagnosticConvertible: Error {
    var diagnostic: Diagnostic { get }
}
