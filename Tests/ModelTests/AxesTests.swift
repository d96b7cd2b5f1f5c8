import ELFFacts
import Testing
@testable import Model

/// Declared axes (docs/matrix.md "Axes"): decoding and its errors, cells and ids, build units,
/// applicability, value expectations, exclude, --filter and --axis.
@Suite struct AxesTests {
    static let text = """
        link = ["shared-libgcc", "static"]
        axis_order = ["linker", "rtlib", "cxxlib"]
        exclude = [{ linker = "bfd", rtlib = "compiler-rt" }]
        [compilers.gcc]
        cc = "gcc"
        cxx = "g++"
        [compilers.clang-19]
        cc = "clang-19"
        cxx = "clang++-19"
        [targets.x86_64]
        [axes.rtlib]
        phase = "link"
        libgcc = { flags = [] }
        [axes.rtlib.compiler-rt]
        flags = ["--rtlib=compiler-rt", "--unwindlib=libunwind"]
        compilers = ["clang"]
        needed_excludes = ["libgcc_s.so.1"]
        needed_includes = ["libunwind.so.1"]
        features = ["compiler-rt", "libunwind"]
        [axes.linker]
        phase = "link"
        bfd = { flags = ["-fuse-ld=bfd"] }
        lld = { flags = ["-fuse-ld=lld"], features = ["lld"] }
        [axes.cxxlib]
        phase = "compile"
        libstdcxx = { flags = [] }
        libcxx = { cxxflags = ["-stdlib=libc++"], compilers = ["clang"], provided_by = "libc++-19-dev" }
        """

    static func matrix(_ text: String = text) throws -> Matrix { try MatrixDecoder.decode(text, path: "m.toml") }

    static func fixture(_ name: String, cxx: Bool = false, _ annotations: String = "") -> Fixture {
        let file = name + (cxx ? ".cc" : ".c")
        let (a, _) = AnnotationParser.parse([(file, annotations)])
        return Fixture(name: name, path: "/f/" + file, isDirectory: false, sources: [FixtureSource(path: "/f/" + file, fileName: file)], annotations: a)
    }

    @Test func decodesInAxisOrderWithPhasesAndValues() throws {
        let m = try Self.matrix()
        #expect(m.axes.map(\.name) == ["linker", "rtlib", "cxxlib"])
        #expect(m.axes.map(\.phase) == [.link, .link, .compile])
        let rt = try #require(m.axes[1].values.last)
        #expect(rt.name == "compiler-rt")
        #expect(rt.flags.cflags == ["--rtlib=compiler-rt", "--unwindlib=libunwind"])
        #expect(rt.expectations == [ValueExpectation(.needs("libunwind.so.1")), ValueExpectation(.lacks("libgcc_s.so.1"))])
        #expect(m.axes[2].values[1].providingPackage(for: "x86_64") == "libc++-19-dev")
        #expect(m.exclude.first?.axes == ["linker": "bfd", "rtlib": "compiler-rt"])
    }

    @Test func withoutAxisOrderTheFileOrderHolds() throws {
        let m = try Self.matrix(Self.text.replacingOccurrences(of: "axis_order = [\"linker\", \"rtlib\", \"cxxlib\"]\n", with: ""))
        #expect(m.axes.map(\.name) == ["rtlib", "linker", "cxxlib"])
    }

    @Test func idsUnitsAndApplicability() throws {
        let m = try Self.matrix()
        let plan = Plan.make(matrix: m, fixtures: [Self.fixture("hello"), Self.fixture("throw", cxx: true)])
        // 2 fixtures × 2 compilers × 2 links × (2 linkers × 2 rtlibs − bfd/compiler-rt) × 2 cxxlibs.
        #expect(plan.cells.count == 2 * 2 * 2 * 3 * 2)
        #expect(plan.cells.first?.id == "hello/gcc/x86_64/shared-libgcc/O2/bfd/libgcc/libstdcxx")
        #expect(plan.cells.contains { $0.id == "throw/clang-19/x86_64/static/O2/lld/compiler-rt/libcxx" })
        #expect(!plan.cells.contains { $0.id.hasSuffix("/bfd/compiler-rt/libstdcxx") })
        // Link-phase values share a unit; each compile-phase value is its own.
        #expect(plan.units.count == 2 * 2 * 2)
        #expect(plan.units.allSatisfy { Set($0.cells.map { $0.value(of: "cxxlib") }).count == 1 })
        let gccRT = try #require(plan.cells.first { $0.id == "hello/gcc/x86_64/shared-libgcc/O2/lld/compiler-rt/libstdcxx" })
        #expect(gccRT.unsupported == "rtlib=compiler-rt applies to compiler clang only")
        let clangRT = try #require(plan.cells.first { $0.id == "hello/clang-19/x86_64/shared-libgcc/O2/lld/compiler-rt/libstdcxx" })
        #expect(clangRT.unsupported == nil)
        #expect(clangRT.features == ["compiler-rt", "libunwind", "lld"])
    }

    @Test func featuresAndAxisConditionsInAnnotations() throws {
        let m = try Self.matrix()
        let f = Self.fixture("cancel", "// REQUIRES: libunwind\n// UNSUPPORTED: linker=lld target=x86_64\n")
        let plan = Plan.make(matrix: m, fixtures: [f])
        let byID = Dictionary(uniqueKeysWithValues: plan.cells.map { ($0.id, $0) })
        #expect(byID["cancel/clang-19/x86_64/shared-libgcc/O2/bfd/libgcc/libstdcxx"]?.unsupported
            == "requires feature 'libunwind', which no value of this cell provides")
        #expect(byID["cancel/clang-19/x86_64/shared-libgcc/O2/lld/compiler-rt/libstdcxx"]?.unsupported == "UNSUPPORTED: linker=lld target=x86_64")
        let unknown = Plan.make(matrix: m, fixtures: [Self.fixture("x", "// REQUIRES: mold\n")])
        #expect(unknown.cells.first?.unsupported == "requires feature 'mold', which no axis value of the matrix provides")
        // An axis the matrix lacks: REQUIRES rules the cell out, UNSUPPORTED never matches.
        let absent = Plan.make(matrix: m, fixtures: [Self.fixture("y", "// REQUIRES: sanitizer=asan\n"), Self.fixture("z", "// UNSUPPORTED: sanitizer=asan\n")])
        #expect(absent.cells.first { $0.fixture.name == "y" }?.unsupported == "requires sanitizer=asan; the matrix has no axis 'sanitizer'")
        let z = absent.cells.filter { $0.fixture.name == "z" }
        #expect(!z.isEmpty && z.allSatisfy { $0.unsupported?.hasPrefix("UNSUPPORTED") != true })
    }

    @Test func theLaterAxisWinsAConflictAndTheRecordSaysSo() throws {
        let m = try Self.matrix()
        let plan = Plan.make(matrix: m, fixtures: [Self.fixture("throw", cxx: true)])
        let cell = try #require(plan.cells.first { $0.id == "throw/clang-19/x86_64/shared-libgcc/O2/lld/compiler-rt/libstdcxx" })
        let rules = ELFInvariants.effective(cell).map(\.applied)
        #expect(rules.contains(AppliedExpectation(expect: "lacks libgcc_s.so.1", from: "rtlib=compiler-rt", overrides: "link=shared-libgcc: needs libgcc_s.so.1")))
        #expect(rules.contains(AppliedExpectation(expect: "needs libunwind.so.1", from: "rtlib=compiler-rt")))
        let loader = "/lib64/ld-linux-x86-64.so.2"
        let good = ELFFacts(path: "/p", elfClass: 64, machine: "x86_64", type: .dyn, interpreter: loader, needed: ["libunwind.so.1", "libc.so.6"], isStatic: false)
        #expect(ELFInvariants.check(good, cell: cell) == [])
        let stillLibgcc = ELFFacts(path: "/p", elfClass: 64, machine: "x86_64", type: .dyn, interpreter: loader, needed: ["libgcc_s.so.1", "libc.so.6"], isStatic: false)
        let v = ELFInvariants.check(stillLibgcc, cell: cell)
        #expect(v.map(\.check) == ["rtlib=compiler-rt", "rtlib=compiler-rt"])
        #expect(v.map(\.message) == [
            "binary needs libgcc_s.so.1, which rtlib=compiler-rt excludes (over link=shared-libgcc)",
            "binary does not need libunwind.so.1; rtlib=compiler-rt expects it; it needs [libgcc_s.so.1, libc.so.6]",
        ])
        // A static cell has no NEEDED to hold libunwind.so.1: the "needs" claim is for dynamic programs.
        let staticCell = try #require(plan.cells.first { $0.id == "throw/clang-19/x86_64/static/O2/lld/compiler-rt/libstdcxx" })
        let staticFacts = ELFFacts(path: "/p", elfClass: 64, machine: "x86_64", type: .exec, interpreter: nil, needed: [], isStatic: true)
        #expect(ELFInvariants.check(staticFacts, cell: staticCell) == [])
    }

    @Test func filterAndNarrowByAxisName() throws {
        var m = try Self.matrix()
        let all = Plan.make(matrix: m, fixtures: [Self.fixture("hello")])
        let filtered = Plan.make(matrix: m, fixtures: [Self.fixture("hello")], filter: CellFilter("rtlib=compiler-rt"))
        #expect(!filtered.cells.isEmpty && filtered.cells.allSatisfy { $0.value(of: "rtlib") == "compiler-rt" })
        #expect(filtered.cells.count == all.cells.filter { $0.id.contains("/compiler-rt/") }.count)
        try m.narrow("linker=lld")
        try m.narrow("link=static")
        #expect(m.axes[0].values.map(\.name) == ["lld"])
        #expect(m.links == [.fullyStatic])
        #expect(throws: MatrixError.self) { try m.narrow("rtlb=libgcc") }
        do {
            try m.narrow("rtlib=libgc")
        } catch {
            #expect(error.message == "--axis rtlib: unknown value 'libgc'; the matrix has libgcc, compiler-rt; did you mean 'libgcc'?")
        }
    }

    @Test func recordsCarryAxesAndPlanOrderSortsThem() throws {
        let m = try Self.matrix()
        let fixtures = [Self.fixture("hello")]
        let plan = Plan.make(matrix: m, fixtures: fixtures)
        let records = plan.cells.map { CellRecord(cell: $0, status: .pass) }
        #expect(records[0].axes == ["linker": "bfd", "rtlib": "libgcc", "cxxlib": "libstdcxx"])
        #expect(records[0].configuration == "gcc/x86_64/shared-libgcc/O2/bfd/libgcc/libstdcxx")
        let axes = PlanAxes(matrix: m, fixtures: fixtures)
        #expect(axes.configurationAxisNames == ["compiler", "target", "link", "opt", "linker", "rtlib", "cxxlib"])
        let positions = PlanAxes.Positions(axes)
        #expect(records.shuffled().sorted { positions.of($0).lexicographicallyPrecedes(positions.of($1)) }.map(\.id) == records.map(\.id))
    }

    @Test func withoutDeclaredAxesIdsAndRecordsAreAsBefore() throws {
        let m = try MatrixDecoder.decode("[compilers.gcc]\ncc = \"gcc\"\n[targets.x86_64]\n", path: "m.toml")
        let plan = Plan.make(matrix: m, fixtures: [Self.fixture("hello")])
        #expect(plan.cells.map(\.id) == ["hello/gcc/x86_64/shared-libgcc/O2", "hello/gcc/x86_64/static-libgcc/O2", "hello/gcc/x86_64/static/O2"])
        let r = CellRecord(cell: plan.cells[0], status: .pass)
        #expect(r.axes == nil)
        #expect(PlanAxes(matrix: m, fixtures: []).extra == nil)
    }

    /// Every matrix error for axes names the file, line and column.
    @Test(arguments: [
        ("axis_order = [\"rtlb\"]\n[axes.rtlib]\nphase = \"link\"\na = {}\n", "m.toml:1:15: error: unknown axis 'rtlb' in 'axis_order'; did you mean 'rtlib'?"),
        ("axis_order = [\"linker\"]\n", "m.toml:1:15: error: unknown axis 'linker' in 'axis_order'; the matrix declares no [axes.*] table"),
        ("[axes]\nlinker = \"lld\"\n", "m.toml:2:1: error: 'axes.linker' must be a table ([axes.linker]), found a string"),
        ("[axes.linker]\nphase = \"link\"\nlld = { flags = [], featrues = [\"lld\"] }\n", "m.toml:3:21: error: unknown key 'featrues' in [axes.linker.lld]; did you mean 'features'?"),
        ("[axes.linker]\nphase = \"runtime\"\nlld = {}\n", "m.toml:2:9: error: unknown phase 'runtime' in [axes.linker]; expected 'compile' or 'link'"),
        ("[axes.linker]\nlld = {}\n", "m.toml:1:7: error: [axes.linker] has no 'phase'; expected phase = \"compile\" or \"link\""),
        ("[axes.link]\nphase = \"link\"\nx = {}\n", "m.toml:1:7: error: 'link' is a built-in axis; its values come from the matrix's 'link' key, not [axes.link]"),
        ("[axes.linker]\nphase = \"link\"\nlld = \"-fuse-ld=lld\"\n", "m.toml:3:1: error: 'lld' in [axes.linker] must be a value table (lld = { flags = [...] }), found a string"),
    ])
    func axisErrorsNameTheLine(_ extra: String, _ expected: String) {
        let text = extra + "[compilers.gcc]\ncc = \"gcc\"\n[targets.x86_64]\n"
        #expect(throws: MatrixError.self) { try MatrixDecoder.decode(text, path: "m.toml") }
        do {
            _ = try MatrixDecoder.decode(text, path: "m.toml")
        } catch {
            #expect(error.description == expected)
        }
    }
}
