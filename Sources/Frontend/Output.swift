import Foundation

/// The process's standard output and error, for the commands' messages.
package func writeOut(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }
package func writeErr(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
