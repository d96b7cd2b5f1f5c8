import ArgumentParser
import Foundation
import Model

/// The matrix file and fixture directory, shared by `run`, `list` and `doctor`.
struct MatrixOptions: ParsableArguments {
    @Argument(help: "The matrix file.")
    var matrix: String = "matrices/default.toml"

    @Option(name: .long, help: "Fixtures directory (overrides the matrix's 'fixtures').")
    var fixtures: String?

    /// The decoded matrix, or its error as a Diagnostic (printed compiler-style, exit status 2).
    func load() throws -> Matrix {
        do {
            return try MatrixDecoder.load(path: matrix, fixturesOverride: fixtures)
        } catch {
            throw error.diagnostic
        }
    }

    func discover(_ matrix: Matrix) throws -> [Fixture] {
        do {
            return try FixtureDiscovery.discover(in: matrix.fixtures)
        } catch {
            throw error.diagnostic
        }
    }
}

/// The cell selection, shared by `run` and `list`.
struct SelectionOptions: ParsableArguments {
    @Option(name: .long, help: "Only cells whose id matches: a glob with * and ?, AXIS=V1,V2 (e.g. 'rtlib=compiler-rt'), else a substring (e.g. 'gcc/aarch64').")
    var filter: String?

    @Option(name: .long, help: ArgumentHelp("Only these values of an axis: link, opt or one the matrix declares (repeatable).", valueName: "NAME=V1,V2"))
    var axis: [String] = []

    @Option(name: .long, help: "Only the K-th of N disjoint parts of the cells (1 ≤ K ≤ N); a build unit stays in one part.")
    var shard: String?

    var cellFilter: CellFilter? { filter.map(CellFilter.init) }

    /// The parsed `--shard`; nil when not given.
    var parsedShard: Shard? { shard.flatMap(Shard.init(parsing:)) }

    func validate() throws {
        if let shard, Shard(parsing: shard) == nil {
            throw ValidationError("'--shard' must be K/N with 1 ≤ K ≤ N (e.g. '2/4'), got '\(shard)'")
        }
    }

    /// The matrix with every `--axis` applied; an unknown axis or value is an error (exit 2).
    func narrowed(_ matrix: Matrix) throws -> Matrix {
        var m = matrix
        for a in axis {
            do {
                try m.narrow(a)
            } catch {
                throw Diagnostic.error(error.message)
            }
        }
        return m
    }

    /// The cells of the matrix over the fixtures, filtered, then restricted to the shard.
    func plan(matrix: Matrix, fixtures: [Fixture]) -> Plan {
        Plan.make(matrix: matrix, fixtures: fixtures, filter: cellFilter).restricted(to: parsedShard)
    }
}
