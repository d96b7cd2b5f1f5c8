import Testing
@testable import Model

@Suite struct PlanTests {
    func fixture(_ name: String, _ text: String, file: String? = nil) -> Fixture {
        let fileName = file ?? "\(name).c"
        let (a, _) = AnnotationParser.parse([(fileName, text)])
        return Fixture(
            name: name, path: "/f/\(fileName)", isDirectory: false,
            sources: [FixtureSource(path: "/f/\(fileName)", fileName: fileName)], annotations: a)
    }

    func matrix() throws -> Matrix {
        try MatrixDecoder.decode(
            """
            opt = ["-O0", "-O2"]
            exclude = [{ compiler = "clang", target = "i686", link = "static" }]
            [compilers.gcc]
            cc = "gcc"
            [compilers.clang]
            cc = "clang-19"
            [targets.x86_64]
            [targets.i686]
            cflags = ["-m32"]
            """, path: "m.toml")
    }

    @Test func cellsIdsOrderAndExclusions() throws {
        let plan = Plan.make(matrix: try matrix(), fixtures: [fixture("hello", "")])
        // 2 compilers × 2 targets × 2 opts × 3 links, less clang/i686/static at both opts.
        #expect(plan.cells.count == 22)
        #expect(plan.cells.first?.id == "hello/gcc/x86_64/shared-libgcc/O0")
        #expect(plan.cells.last?.id == "hello/clang/i686/static-libgcc/O2")
        #expect(!plan.cells.contains(where: { $0.id == "hello/clang/i686/static/O2" }))
        #expect(plan.units.count == 8)
        #expect(plan.units.allSatisfy { Set($0.cells.map(\.optID)).count == 1 })
    }

    @Test func annotationsMakeCellsUnsupportedWithTheReason() throws {
        let fixtures = [
            fixture("int128", "// REQUIRES: int128\n"),
            fixture("fortify", "// UNSUPPORTED: opt=O0\n"),
            fixture("mixed", "// UNSUPPORTED: target=i686 compiler=clang\n"),
            fixture("gcconly", "// REQUIRES: compiler=gcc link=static\n"),
        ]
        let plan = Plan.make(matrix: try matrix(), fixtures: fixtures)
        func reason(_ id: String) -> String? { plan.cells.first(where: { $0.id == id })?.unsupported }
        #expect(reason("int128/gcc/i686/static/O2") == "needs __int128, which i686 (32-bit) lacks")
        #expect(reason("int128/gcc/x86_64/static/O2") == nil)
        #expect(reason("fortify/gcc/x86_64/static/O0") == "UNSUPPORTED: opt=O0")
        #expect(reason("fortify/gcc/x86_64/static/O2") == nil)
        #expect(reason("mixed/clang/i686/shared-libgcc/O2") == "UNSUPPORTED: target=i686 compiler=clang")
        #expect(reason("mixed/gcc/i686/shared-libgcc/O2") == nil)
        #expect(reason("gcconly/clang/x86_64/static/O2") == "requires compiler=gcc")
        #expect(reason("gcconly/gcc/x86_64/shared-libgcc/O2") == "requires link=static")
        #expect(reason("gcconly/gcc/x86_64/static/O2") == nil)
    }

    @Test func filters() throws {
        let plan = Plan.make(matrix: try matrix(), fixtures: [fixture("hello", "")], filter: CellFilter("*/i686/*/O2"))
        #expect(plan.cells.map(\.id) == [
            "hello/gcc/i686/shared-libgcc/O2", "hello/gcc/i686/static-libgcc/O2", "hello/gcc/i686/static/O2",
            "hello/clang/i686/shared-libgcc/O2", "hello/clang/i686/static-libgcc/O2",
        ])
        #expect(Plan.make(matrix: try matrix(), fixtures: [fixture("hello", "")], filter: CellFilter("clang/x86_64")).cells.count == 6)
    }
}
