import ArgumentParser
import Foundation
import Model

/// The matrix file and fixture directory, shared by `run`, `list` and `doctor`.
struct MatrixOptions: ParsableArguments {
    @Argument(help: "The matrix file.")
    var matrix: String = "matrices/default.toml"

    @Option(name: .long, help: "Fixtures directory (overrides the matrix's 'fixtures').")
    var fixtures: String?

    /// The decoded matrix, or its error printed compiler-style and exit status 2.
    func load() throws -> Matrix {
        do {
            return try MatrixDecoder.load(path: matrix, fixturesOverride: fixtures)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
    }

    func discover(_ matrix: Matrix) throws -> [Fixture] {
        do {
            return try FixtureDiscovery.discover(in: matrix.fixtures)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}

/// The cell selection, shared by `run` and `list`.
struct SelectionOptions: ParsableArguments {
    @Option(name: .long, help: "Only cells whose id matches: a glob with * and ?, else a substring (e.g. 'gcc/aarch64').")
    var filter: String?

    var cellFilter: CellFilter? { filter.map(CellFilter.init) }
}

func writeOut(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }
func writeErr(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
