import ELFFacts

/// The values of each axis in the order a plan walks them (fixture, compiler, target, opt, link), recorded in
/// report.json so `merge` can put the cells of shard reports back in the order a whole run writes.
package struct PlanAxes: Sendable, Codable, Equatable {
    package var fixtures: [String]
    package var compilers: [String]
    package var targets: [String]
    /// Without dashes: `O2`.
    package var opts: [String]
    package var links: [String]
    /// The declared axes in `axis_order`, each with its values; nil when the matrix declares none.
    package var extra: [Declared]?

    package struct Declared: Sendable, Codable, Equatable {
        package var name: String
        package var values: [String]
        package init(name: String, values: [String]) {
            self.name = name
            self.values = values
        }
    }

    package init(fixtures: [String], compilers: [String], targets: [String], opts: [String], links: [String]) {
        self.fixtures = fixtures
        self.compilers = compilers
        self.targets = targets
        self.opts = opts
        self.links = links
    }

    package init(matrix: Matrix, fixtures: [Fixture]) {
        self.init(
            fixtures: fixtures.map(\.name), compilers: matrix.compilers.map(\.name), targets: matrix.targets.map(\.name),
            opts: matrix.opts.map { OptLevel.id(of: $0) }, links: matrix.links.map(\.rawValue))
        if !matrix.axes.isEmpty { extra = matrix.axes.map { Declared(name: $0.name, values: $0.values.map(\.name)) } }
    }

    /// Every axis's name in cell-id order: the built-in configuration axes, then the declared ones.
    package var configurationAxisNames: [String] { Self.builtInConfigurationAxes + (extra ?? []).map(\.name) }

    package static let builtInConfigurationAxes = ["compiler", "target", "link", "opt"]

    enum CodingKeys: String, CodingKey { case fixtures, compilers, targets, opts, links, extra }

    /// Every list read tolerantly (an absent one is empty), so an older or newer report still merges.
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        fixtures = try c.decode(forKey: .fixtures, default: [])
        compilers = try c.decode(forKey: .compilers, default: [])
        targets = try c.decode(forKey: .targets, default: [])
        opts = try c.decode(forKey: .opts, default: [])
        links = try c.decode(forKey: .links, default: [])
        extra = try c.decodeIfPresent([Declared].self, forKey: .extra)
    }

    /// A sort key giving plan order; values not on an axis sort after those that are.
    package func position(of cell: CellRecord) -> [Int] { Positions(self).of(cell) }

    /// `position(of:)` for many cells: each axis's ranks looked up in a table built once, not searched.
    package struct Positions: Sendable {
        private let axes: [[String: Int]]
        private let counts: [Int]
        private let names: [String]

        package init(_ a: PlanAxes) {
            names = (a.extra ?? []).map(\.name)
            let lists = [a.fixtures, a.compilers, a.targets, a.opts, a.links] + (a.extra ?? []).map(\.values)
            // The first occurrence wins, as firstIndex(of:) would.
            axes = lists.map { list in Dictionary(list.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first }) }
            counts = lists.map(\.count)
        }

        package func of(_ cell: CellRecord) -> [Int] {
            let values = [cell.fixture, cell.compiler, cell.target, cell.opt, cell.link] + names.map { cell.axes?[$0] ?? "" }
            return values.indices.map { axes[$0][values[$0]] ?? counts[$0] }
        }
    }
}
