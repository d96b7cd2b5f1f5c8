import Model

/// Where a build unit's files go: `WORK/fixture/compiler/target/opt[/compile-phase values]/obj/` for
/// objects shared by every link mode and link-phase value, `UNIT/LINK[/link-phase values]/` for each cell
/// (its program, libraries, outputs). The matrix decoder keeps value names path-safe.
package struct UnitLayout: Sendable {
    package var unitDir: String

    package init(workDir: String, unit: BuildUnit) {
        unitDir = (["\(workDir)/\(unit.fixture.name)/\(unit.compiler.name)/\(unit.target.name)/\(OptLevel.id(of: unit.opt))"]
            + unit.compileChoices.map(\.value.name)).joined(separator: "/")
    }

    package var objDir: String { unitDir + "/obj" }

    package func cellDir(_ cell: Cell) -> String {
        cellDir(link: cell.link.rawValue, linkValues: cell.choices.filter { $0.phase == .link }.map(\.value.name))
    }

    package func cellDir(link: String, linkValues: [String]) -> String {
        ([unitDir, link] + linkValues).joined(separator: "/")
    }

    /// `main.c` built by `gcc` → `obj/main.c.gcc.o`: a BUILD-WITH object never collides with the cell compiler's.
    package func object(for source: FixtureSource, compiler: String) -> String {
        "\(objDir)/\(source.fileName).\(compiler).o"
    }

    package static let program = "prog"
}
