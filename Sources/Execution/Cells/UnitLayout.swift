import Model

/// Where a build unit's files go: `WORK/fixture/compiler/target/opt/obj/` for objects shared by every
/// link mode, `WORK/fixture/compiler/target/opt/LINK/` for each cell (its program, libraries, outputs).
package struct UnitLayout: Sendable {
    package var unitDir: String

    package init(workDir: String, unit: BuildUnit) {
        unitDir = "\(workDir)/\(unit.fixture.name)/\(unit.compiler.name)/\(unit.target.name)/\(OptLevel.id(of: unit.opt))"
    }

    package var objDir: String { unitDir + "/obj" }

    package func cellDir(_ link: LinkMode) -> String { "\(unitDir)/\(link.rawValue)" }

    /// `main.c` built by `gcc` → `obj/main.c.gcc.o`: a BUILD-WITH object never collides with the cell compiler's.
    package func object(for source: FixtureSource, compiler: String) -> String {
        "\(objDir)/\(source.fileName).\(compiler).o"
    }

    package static let program = "prog"
}
