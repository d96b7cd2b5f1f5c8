/// One fixture built and run in one configuration.
package struct Cell: Sendable, Equatable {
    package var fixture: Fixture
    package var compiler: CompilerSpec
    package var target: TargetSpec
    package var link: LinkMode
    /// As written in the matrix ("-O2").
    package var opt: String
    /// The values of the matrix's declared axes, in `axis_order`.
    package var choices: [AxisChoice] = []
    /// Why the cell cannot run here, decided from annotations alone; nil when it should run.
    package var unsupported: String?

    package init(fixture: Fixture, compiler: CompilerSpec, target: TargetSpec, link: LinkMode, opt: String, choices: [AxisChoice] = []) {
        self.fixture = fixture
        self.compiler = compiler
        self.target = target
        self.link = link
        self.opt = opt
        self.choices = choices
    }

    package var optID: String { OptLevel.id(of: opt) }

    /// `fixture/compiler/target/link/opt`, then the declared axes' values:
    /// `exceptions/clang/x86_64/shared-libgcc/O2/lld/compiler-rt`.
    package var id: String { "\(fixture.name)/\(configuration)" }

    package static func id(fixture: String, compiler: String, target: String, link: LinkMode, optID: String) -> String {
        "\(fixture)/\(compiler)/\(target)/\(link.rawValue)/\(optID)"
    }

    /// The configuration part of the id (everything but the fixture), a column of the final grid.
    package var configuration: String {
        (["\(compiler.name)/\(target.name)/\(link.rawValue)/\(optID)"] + choices.map(\.value.name)).joined(separator: "/")
    }

    /// The cell's value of an axis by name, built-in or declared; nil for an axis the matrix lacks.
    package func value(of axis: String) -> String? {
        switch axis {
        case "fixture": fixture.name
        case "compiler": compiler.name
        case "target": target.name
        case "link": link.rawValue
        case "opt": optID
        default: choices.first(where: { $0.axis == axis })?.value.name
        }
    }

    /// Every feature the cell's values provide.
    package var features: Set<String> { Set(choices.flatMap(\.value.features)) }
}

/// The cells that share their objects: one fixture, compiler, target, opt level and value of every
/// compile-phase axis; every link mode and every value of the link-phase axes.
package struct BuildUnit: Sendable, Equatable {
    package var cells: [Cell]

    package var fixture: Fixture { cells[0].fixture }
    package var compiler: CompilerSpec { cells[0].compiler }
    package var target: TargetSpec { cells[0].target }
    package var opt: String { cells[0].opt }
    /// The compile-phase values its objects are built with.
    package var compileChoices: [AxisChoice] { cells[0].choices.filter { $0.phase == .compile } }
    package var key: String { BuildUnit.key(of: cells[0]) }

    package static func key(of cell: Cell) -> String {
        (["\(cell.fixture.name)/\(cell.compiler.name)/\(cell.target.name)/\(cell.optID)"]
            + cell.choices.filter { $0.phase == .compile }.map(\.label)).joined(separator: "/")
    }
}
