import Foundation
import Model

/// A buffered writer to an open file (AtomicFile.writeStreaming's temporary): big reports are written
/// as they are rendered instead of being held whole in memory. Also a `TextOutputStream`, so a
/// renderer can write to it or to a String alike.
package final class FileSink: TextOutputStream {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var flushed: UInt64 = 0
    /// The first write error; later writes are dropped and `finish` throws it.
    private var failure: (any Error)?
    private static let chunk = 1 << 20

    init(handle: FileHandle) {
        self.handle = handle
        buffer.reserveCapacity(Self.chunk)
    }

    /// Bytes written so far (flushed or buffered).
    package var offset: UInt64 { flushed + UInt64(buffer.count) }

    package func write(_ string: String) {
        buffer.append(contentsOf: string.utf8)
        if buffer.count >= Self.chunk { flush() }
    }

    package func write(_ data: Data) throws {
        buffer.append(contentsOf: data)
        if buffer.count >= Self.chunk { flush() }
        if let failure { throw failure }
    }

    private func flush() {
        guard failure == nil, !buffer.isEmpty else { buffer.removeAll(keepingCapacity: true); return }
        do {
            try handle.write(contentsOf: buffer)
            flushed += UInt64(buffer.count)
        } catch {
            failure = error
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func finish() throws {
        flush()
        if let failure { throw failure }
    }
}

extension FileSink {
    /// AtomicFile.writeStreaming through a FileSink.
    package static func write(to path: String, evenAfterStop: Bool = false, _ body: (FileSink) throws -> Void) throws {
        try AtomicFile.writeStreaming(to: path, evenAfterStop: evenAfterStop) { handle in
            let sink = FileSink(handle: handle)
            try body(sink)
            try sink.finish()
        }
    }
}
