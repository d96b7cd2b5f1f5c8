import Foundation

/// The checkout the tests run from (this file is Tests/TestSupport/Repository.swift).
public enum Repository {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `relative` inside the checkout.
    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}
