/// The values of each axis in the order a plan walks them (fixture, compiler, target, opt, link), recorded in
/// report.json so `merge` can put the cells of shard reports back in the order a whole run writes.
package struct PlanAxes: Sendable, Codable, Equatable {
    package var fixtures: [String]
    package var compilers: [String]
    package var targets: [String]
    /// Without dashes: `O2`.
    package var opts: [String]
    package var links: [String]

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
    }

    /// A sort key giving plan order; values not on an axis sort after those that are.
    package func position(of cell: CellRecord) -> [Int] {
        func rank(_ axis: [String], _ value: String) -> Int { axis.firstIndex(of: value) ?? axis.count }
        return [
            rank(fixtures, cell.fixture), rank(compilers, cell.compiler), rank(targets, cell.target), rank(opts, cell.opt),
            rank(links, cell.link),
        ]
    }
}
