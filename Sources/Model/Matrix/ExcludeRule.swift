/// `exclude = [{ compiler = "clang", target = "i686", link = "static" }]`: every given field must match.
package struct ExcludeRule: Sendable, Equatable {
    package var fixture: String?
    package var compiler: String?
    package var target: String?
    package var link: LinkMode?
    /// Written with or without the dash ("-O0" or "O0").
    package var opt: String?
    /// Values of declared axes: `rtlib = "compiler-rt"`.
    package var axes: [String: String] = [:]
    /// Features every one of which some value of the cell must provide: `feature = "lld"`.
    package var features: [String] = []

    package init(fixture: String? = nil, compiler: String? = nil, target: String? = nil, link: LinkMode? = nil, opt: String? = nil) {
        self.fixture = fixture
        self.compiler = compiler
        self.target = target
        self.link = link
        self.opt = opt
    }

    package func matches(fixture f: String, compiler c: String, target t: String, link l: LinkMode, optID o: String) -> Bool {
        if let fixture, fixture != f { return false }
        if let compiler, compiler != c { return false }
        if let target, target != t { return false }
        if let link, link != l { return false }
        if let opt, OptLevel.id(of: opt) != o { return false }
        return true
    }

    package func matches(_ cell: Cell) -> Bool {
        guard matches(fixture: cell.fixture.name, compiler: cell.compiler.name, target: cell.target.name, link: cell.link, optID: cell.optID)
        else { return false }
        for (axis, value) in axes where cell.value(of: axis) != value { return false }
        let provided = cell.features
        return features.allSatisfy(provided.contains)
    }
}

package enum OptLevel {
    /// The cell-id form of an opt entry: "-O2" → "O2", "-O2 -g" → "O2_g".
    package static func id(of opt: String) -> String {
        ShellWords.split(opt).map { $0.hasPrefix("-") ? String($0.dropFirst()) : $0 }.joined(separator: "_")
    }
}
