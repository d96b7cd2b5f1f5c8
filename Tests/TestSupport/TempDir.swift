import Foundation

/// A temporary directory owned by one test, removed when the test lets go of it. Set
/// TOOLGATE_KEEP_TEST_DIRS=1 to keep every one for a look afterwards.
public final class TempDir: Sendable {
    public let url: URL
    private let keep: Bool

    /// `label` goes into the name (`toolgate-LABEL-XXXXXX`, made by mkdtemp), so a kept directory says whose it is.
    public init(_ label: String = #function) throws {
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
        keep = ProcessInfo.processInfo.environment["TOOLGATE_KEEP_TEST_DIRS"] != nil
    }

    deinit {
        if !keep { try? FileManager.default.removeItem(at: url) }
    }

    public var path: String { url.path }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Makes `name` (and its parents) inside this directory and returns its path.
    @discardableResult
    public func makeDirectory(_ name: String) throws -> String {
        let p = path(name)
        try FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
        return p
    }

    /// Writes `text` to `name` (parents made as needed), executable on request; returns the path.
    @discardableResult
    public func write(_ name: String, _ text: String, executable: Bool = false) throws -> String {
        let p = try parentMade(name)
        try text.write(toFile: p, atomically: true, encoding: .utf8)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: p) }
        return p
    }

    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) throws -> String {
        let p = try parentMade(name)
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        return p
    }

    public func read(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(name))))
    }

    private func parentMade(_ name: String) throws -> String {
        let p = path(name)
        try FileManager.default.createDirectory(
            atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        return p
    }
}

/// The name the ELF and comparison suites knew it by.
public typealias Scratch = TempDir
