import Model

extension ReportReadError: DiagnosticConvertible {
    /// `file` is the report's path, with `:line:column` for bad JSON.
    package var diagnostic: Diagnostic { .error(message, at: .file(file)) }
}
