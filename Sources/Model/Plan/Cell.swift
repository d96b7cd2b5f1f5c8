/// One cell of the matrix: a fixture built by one compiler for one target, linked one way, at one opt level.
package struct Cell: Sendable, Equatable {
    package var fixture: Fixture
    package var compiler: CompilerSpec
    package var target: TargetSpec
    package var link: LinkMode
    /// As written in the matrix ("-O2").
    package var opt: String
    /// Why the cell cannot run here, decided from annotations alone; nil when it should run.
    package var unsupported: String?

    package var optID: String { OptLevel.id(of: opt) }

    /// `fixture/compiler/target/link/opt`, e.g. `exceptions/gcc/aarch64/shared-libgcc/O2`.
    package var id: String { Cell.id(fixture: fixture.name, compiler: compiler.name, target: target.name, link: link, optID: optID) }

    package static func id(fixture: String, compiler: String, target: String, link: LinkMode, optID: String) -> String {
        "\(fixture)/\(compiler)/\(target)/\(link.rawValue)/\(optID)"
    }

    /// The configuration part of the id (everything but the fixture), a column of the final grid.
    package var configuration: String { "\(compiler.name)/\(target.name)/\(link.rawValue)/\(optID)" }
}

/// The cells that share their objects: one fixture, compiler, target and opt level, every link mode.
package struct BuildUnit: Sendable, Equatable {
    package var cells: [Cell]

    package var fixture: Fixture { cells[0].fixture }
    package var compiler: CompilerSpec { cells[0].compiler }
    package var target: TargetSpec { cells[0].target }
    package var opt: String { cells[0].opt }
    package var key: String { "\(fixture.name)/\(compiler.name)/\(target.name)/\(OptLevel.id(of: opt))" }
}
