import Model

/// A cell's sandbox and loaded objects as lines for its log, its JUnit failure and its HTML detail.
enum LoadedLines {
    static func lines(_ c: CellRecord) -> [String] {
        var out: [String] = []
        if let s = c.sandbox { out.append("run step sealed: \(s)") }
        for o in c.loaded ?? [] { out.append("loaded \(o.name) (\(o.via.rawValue)): \(o.path ?? "not found")") }
        return out
    }
}
