import Foundation
import Model

/// Where one cell's JSON sits in a file: the spool during a run, report.json once assembled.
package struct CellSpan: Sendable, Equatable {
    package var offset: UInt64
    package var length: Int
    package init(offset: UInt64, length: Int) {
        self.offset = offset
        self.length = length
    }
}

/// The cells of a run as they finish, each appended to a temporary file beside report.json as the JSON
/// it will have inside report.json's `cells` array (JSONOutput's style, indented to that depth), so the
/// report can be assembled from it by copying bytes, and no full record stays in memory.
///
/// Its name is `report.json.tmp-cells-PID-XXXXXXXX`: a run removes one a killed run left, as any temporary.
/// Not thread-safe: LiveReport calls it under its lock.
package final class CellSpool {
    package let path: String
    private let handle: FileHandle
    private var end: UInt64 = 0

    package init(beside reportPath: String) throws {
        path = "\(reportPath)\(AtomicFile.temporaryInfix)cells-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot create '\(path)'"])
        }
        handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
    }

    deinit { try? handle.close() }

    /// The cell's JSON, as report.json holds it (no trailing comma or newline).
    package static func json(_ record: CellRecord) throws -> Data {
        try ReportJSONLayout.indented(JSONOutput.encoder().encode(record), by: 4)
    }

    package func append(_ json: Data) throws -> CellSpan {
        try handle.seek(toOffset: end)
        try handle.write(contentsOf: json)
        let span = CellSpan(offset: end, length: json.count)
        end += UInt64(json.count)
        return span
    }

    package func read(_ span: CellSpan) throws -> Data {
        try handle.seek(toOffset: span.offset)
        return try handle.read(upToCount: span.length) ?? Data()
    }

    /// Gone for good: the report has been assembled, or the run was interrupted.
    package func remove() {
        try? handle.close()
        unlink(path)
    }
}

/// report.json's layout, matching what JSONOutput's encoder writes for a whole `Report` (pretty, sorted
/// keys: `cells` first), so a streamed report reads the same as one written whole.
package enum ReportJSONLayout {
    /// Every line but the first indented by `by` spaces (JSON strings hold no raw newline).
    package static func indented(_ data: Data, by n: Int) -> Data {
        let pad = [UInt8](repeating: 0x20, count: n)
        var out = [UInt8]()
        out.reserveCapacity(data.count + data.count / 16)
        // The encoder leaves the blank line inside an empty array unindented: so does this.
        var atLineStart = false
        for byte in data {
            if atLineStart, byte != 0x0A { out.append(contentsOf: pad) }
            out.append(byte)
            atLineStart = byte == 0x0A
        }
        return Data(out)
    }

    /// Writes `{ "cells" : [ ...pieces... ], "complete" : ..., "metadata" : ..., "schema_version" : ..., "summary" : ... }`.
    /// `piece(i)` gives the i-th cell's JSON; returns where each cell landed in the output.
    package static func write(
        complete: Bool, metadata: RunMetadata, summary: [String: Int], count: Int, to out: FileSink,
        piece: (Int) throws -> Data
    ) throws -> [CellSpan] {
        var spans: [CellSpan] = []
        spans.reserveCapacity(count)
        try out.write("{\n  \"cells\" : [")
        for i in 0..<count {
            try out.write(i == 0 ? "\n    " : ",\n    ")
            let data = try piece(i)
            spans.append(CellSpan(offset: out.offset, length: data.count))
            try out.write(data)
        }
        try out.write(count == 0 ? "\n\n  ],\n" : "\n  ],\n")
        let encoder = JSONOutput.encoder()
        try out.write("  \"complete\" : \(complete),\n  \"metadata\" : ")
        try out.write(indented(encoder.encode(metadata), by: 2))
        try out.write(",\n  \"schema_version\" : \(Report.schemaVersion),\n  \"summary\" : ")
        try out.write(indented(encoder.encode(summary), by: 2))
        try out.write("\n}\n")
        return spans
    }

    /// Cells per status, every status present (what `Report.init` computes).
    package static func summary(_ statuses: some Sequence<CellStatus>) -> [String: Int] {
        var summary: [String: Int] = [:]
        for s in CellStatus.allCases { summary[s.rawValue] = 0 }
        for s in statuses { summary[s.rawValue, default: 0] += 1 }
        return summary
    }
}
