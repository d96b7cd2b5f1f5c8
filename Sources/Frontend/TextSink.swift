import Foundation
import Model
import Synchronization

/// Where a command's text goes: the process's standard output or error, or, in a test, a buffer.
package final class TextSink: Sendable {
    private let sink: @Sendable (String) -> Void

    package init(_ sink: @escaping @Sendable (String) -> Void) { self.sink = sink }

    package func write(_ text: String) { sink(text) }

    /// A diagnostic that does not end the command (a warning, a note, an error the run survives), one line.
    package func write(_ diagnostic: Diagnostic) { sink(diagnostic.description + "\n") }

    package static let standardOutput = TextSink { FileHandle.standardOutput.write(Data($0.utf8)) }
    package static let standardError = TextSink { FileHandle.standardError.write(Data($0.utf8)) }

    /// A sink that keeps what it is given; `text` reads it back.
    package static func buffer() -> (sink: TextSink, captured: CapturedText) {
        let captured = CapturedText()
        return (TextSink { captured.append($0) }, captured)
    }
}

/// The text a buffer sink was given, in order.
package final class CapturedText: Sendable {
    private let state = Mutex("")
    package init() {}
    func append(_ text: String) { state.withLock { $0 += text } }
    package var text: String { state.withLock { $0 } }
}
