import Foundation

/// Reads what a step wrote, up to a cap, so a chatty program cannot blow up the report.
package enum CapturedOutput {
    package static let reportCap = 64 * 1024

    /// The first `cap` bytes as text (invalid UTF-8 repaired), with a note when there was more.
    package static func read(_ path: String, cap: Int = reportCap) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: cap + 1)) ?? Data()
        if data.count <= cap { return String(decoding: data, as: UTF8.self) }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        return String(decoding: data.prefix(cap), as: UTF8.self)
            + "\n[toolgate: output truncated at \(cap) bytes of \(size.map(String.init) ?? "more")]\n"
    }
}
