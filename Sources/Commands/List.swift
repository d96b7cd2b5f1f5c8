import ArgumentParser
import Frontend
import Model

/// `toolgate list [MATRIX]`: the cells a run would have, one id a line, with why a cell cannot run.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the cells of a matrix: fixture/compiler/target/link/opt, then any declared axes' values.",
        discussion: "Cells that cannot run here by their fixture's annotations are marked 'unsupported' with the reason.")

    @OptionGroup var matrixOptions: MatrixOptions
    @OptionGroup var selection: SelectionOptions
    @OptionGroup(title: "Random programs") var generation: GenerateOptions

    func run() throws {
        let matrix = try selection.narrowed(matrixOptions.load())
        // Generated programs are listed by name (csmith-SEED) without running the generator.
        let fixtures = try generation.spec(matrix: matrix, timeout: nil).map { spec in
            spec.seeds.map { seed in
                Fixture.generated(
                    GeneratedProgram(tool: spec.tool, seed: seed, cacheKey: "", runTimeout: spec.runTimeout),
                    name: spec.fixtureName(seed: seed), path: spec.fixtureName(seed: seed) + ".c", cflags: [])
            }
        } ?? matrixOptions.discover(matrix)
        let plan = selection.plan(matrix: matrix, fixtures: fixtures)
        var text = ""
        for cell in plan.cells {
            text += cell.id + (cell.unsupported.map { "  unsupported: \($0)" } ?? "") + "\n"
        }
        writeOut(text)
        writeErr("\(plan.cells.count) cells, \(plan.units.count) build units\n")
    }
}
