extension Plan {
    /// Only the cells of the build units that fall in `shard`, in plan order; the whole plan for nil.
    package func restricted(to shard: Shard?) -> Plan {
        guard let shard else { return self }
        return Plan(cells: cells.filter { shard.contains(unitKey: $0.unitKey) })
    }
}

extension Cell {
    /// The key of the build unit this cell belongs to: `fixture/compiler/target/opt`.
    package var unitKey: String { "\(fixture.name)/\(compiler.name)/\(target.name)/\(optID)" }
}
