/// How libgcc (and the C library) reach the program: one axis of the matrix.
package enum LinkMode: String, Sendable, Codable, CaseIterable, Hashable {
    case sharedLibgcc = "shared-libgcc"
    case staticLibgcc = "static-libgcc"
    case fullyStatic = "static"

    /// The driver flag that selects the mode at link time.
    package var driverFlag: String {
        switch self {
        case .sharedLibgcc: "-shared-libgcc"
        case .staticLibgcc: "-static-libgcc"
        case .fullyStatic: "-static"
        }
    }

    /// "shared-libgcc, static-libgcc or static", for error messages.
    package static var expectedList: String {
        EnglishList.or(allCases.map(\.rawValue))
    }
}

package enum EnglishList {
    /// "a", "a or b", "a, b or c".
    package static func or(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        if items.count == 1 { return last }
        return items.dropLast().joined(separator: ", ") + " or " + last
    }
}
