/// A problem with a matrix file, printed the way compilers print theirs:
/// `matrices/default.toml:12:3: error: unknown link mode 'shared-static'; expected shared-libgcc, static-libgcc or static`.
package struct MatrixError: Error, Sendable, Equatable, CustomStringConvertible {
    package var path: String
    package var location: SourceLocation?
    package var message: String

    package init(path: String, location: SourceLocation?, message: String) {
        self.path = path
        self.location = location
        self.message = message
    }

    package var description: String {
        if let location { return "\(path):\(location.line):\(location.column): error: \(message)" }
        return "\(path): error: \(message)"
    }
}
