import Foundation

/// A temporary directory owned by one test, removed when the test lets go of it.
final class Scratch {
    let url: URL

    init(_ label: String = #function) throws {
        let clean = label.filter { $0.isLetter || $0.isNumber }.prefix(40)
        var template = Array(
            FileManager.default.temporaryDirectory.appendingPathComponent("toolgate-\(clean)-XXXXXX").path.utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else { throw SpawnError(description: "mkdtemp failed for '\(label)': errno \(errno)") }
        let bytes = template.map { UInt8(bitPattern: $0) }
        let end = bytes.firstIndex(of: 0) ?? bytes.endIndex
        url = URL(fileURLWithPath: String(decoding: bytes[..<end], as: UTF8.self))
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    var path: String { url.path }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let p = path(name)
        try text.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let p = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        return p
    }

    func read(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(name))))
    }
}
