import Foundation

/// Text to the current context's standard output and error (RunContext.current: the one the entry point
/// or a test bound; the process's own outside any).
package func writeOut(_ text: String) { RunContext.current.standardOutput.write(text) }
package func writeErr(_ text: String) { RunContext.current.standardError.write(text) }
