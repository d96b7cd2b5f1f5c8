import Model

/// The exact argv of every compile and link step of a cell (pure: no process is started here).
///
/// Order of flags: driver, matrix cflags (top, compiler, target, compiler-and-target), cxxflags for C++,
/// toolgate's own (the i686 asm/ directory), the opt level, the declared axes' values (compile-phase ones
/// only, on compile steps), the fixture's CFLAGS/CXXFLAGS, -pthread for `REQUIRES: threads`; link steps
/// add ldflags, the fixture's LDFLAGS, the link-mode flag, then objects, libraries and the fixture's LIBS.
package struct BuildCommands: Sendable {
    package var matrix: Matrix
    package var toolchain: Toolchain

    package init(matrix: Matrix, toolchain: Toolchain) {
        self.matrix = matrix
        self.toolchain = toolchain
    }

    /// The compiler that builds `source` in `unit`: its BUILD-WITH compiler, else the unit's.
    package func compiler(for source: FixtureSource, in unit: BuildUnit) -> CompilerSpec {
        if let wanted = source.buildWith,
           let other = matrix.compilers.first(where: { $0.name == wanted || $0.name.hasPrefix(wanted + "-") }) {
            return other
        }
        return unit.compiler
    }

    package func driver(for source: FixtureSource, in unit: BuildUnit) -> String {
        let c = compiler(for: source, in: unit)
        return source.isCxx ? c.cxx(for: unit.target.name) : c.cc(for: unit.target.name)
    }

    package func compile(_ source: FixtureSource, in unit: BuildUnit, layout: UnitLayout) -> [String] {
        let c = compiler(for: source, in: unit)
        let a = unit.fixture.annotations
        var argv = [driver(for: source, in: unit)] + common(compiler: c, target: unit.target, cxx: source.isCxx)
        // A value that applies to some compilers only (`-stdlib=libc++` for clang) does not reach a
        // BUILD-WITH source another compiler builds.
        let choices = unit.compileChoices.filter { $0.value.compilers?.contains { Applicability.compilerMatches($0, c.name) } ?? true }
        argv += ShellWords.split(unit.opt) + Self.valueFlags(choices, cxx: source.isCxx, link: false)
        argv += a.cflags + (source.isCxx ? a.cxxflags : [])
        if a.needsThreads { argv.append("-pthread") }
        if source.sharedLibrary != nil { argv.append("-fPIC") }
        argv = SysrootFlag.add(matrix.buildSysroot(compiler: c, target: unit.target), to: argv)
        return argv + ["-c", source.path, "-o", layout.object(for: source, compiler: c.name)]
    }

    /// The program link, run in the cell's directory.
    package func linkProgram(_ cell: Cell, unit: BuildUnit, layout: UnitLayout) -> [String] {
        let f = cell.fixture
        var argv = [linkDriver(cell, cxx: f.isCxx)] + linkFlags(cell, unit: unit)
        argv.append(cell.link.driverFlag)
        if f.annotations.needsThreads { argv.append("-pthread") }
        argv += f.programSources.map { layout.object(for: $0, compiler: compiler(for: $0, in: unit).name) }
        if !f.linkedLibraries.isEmpty {
            argv += ["-L."] + f.linkedLibraries.map { "-l" + $0 } + ["-Wl,-rpath,$ORIGIN", "-Wl,--enable-new-dtags"]
        }
        argv = SysrootFlag.add(matrix.buildSysroot(compiler: cell.compiler, target: cell.target), to: argv + f.annotations.libs)
        return argv + ["-o", UnitLayout.program]
    }

    /// A `SHARED-LIBRARY: NAME` link into `libNAME.so` (soname libNAME.so), run in the cell's directory.
    package func linkLibrary(_ name: String, cell: Cell, unit: BuildUnit, layout: UnitLayout) -> [String] {
        let sources = cell.fixture.sources.filter { $0.sharedLibrary?.name == name }
        var argv = [linkDriver(cell, cxx: sources.contains(where: \.isCxx))] + linkFlags(cell, unit: unit)
        // -static makes no sense for a shared object; the library of a static cell keeps the default.
        if cell.link != .fullyStatic { argv.append(cell.link.driverFlag) }
        if cell.fixture.annotations.needsThreads { argv.append("-pthread") }
        argv += ["-shared", "-Wl,-soname,lib\(name).so"]
        argv += sources.map { layout.object(for: $0, compiler: compiler(for: $0, in: unit).name) }
        argv = SysrootFlag.add(matrix.buildSysroot(compiler: cell.compiler, target: cell.target), to: argv)
        return argv + ["-o", "lib\(name).so"]
    }

    private func linkDriver(_ cell: Cell, cxx: Bool) -> String {
        cxx ? cell.compiler.cxx(for: cell.target.name) : cell.compiler.cc(for: cell.target.name)
    }

    private func linkFlags(_ cell: Cell, unit: BuildUnit) -> [String] {
        let flags = matrix.flags(compiler: cell.compiler, target: cell.target)
        let a = cell.fixture.annotations
        return common(compiler: cell.compiler, target: cell.target, cxx: cell.fixture.isCxx)
            + ShellWords.split(cell.opt) + Self.valueFlags(cell.choices, cxx: cell.fixture.isCxx, link: true)
            + a.cflags + (cell.fixture.isCxx ? a.cxxflags : [])
            + flags.ldflags + a.ldflags
    }

    /// The flags of the cell's axis values for one step (FlagSet's meaning: cflags to every step,
    /// cxxflags to C++ steps, ldflags to link steps). `choices` of a compile step are compile-phase only.
    static func valueFlags(_ choices: [AxisChoice], cxx: Bool, link: Bool) -> [String] {
        choices.flatMap { c in c.value.flags.cflags + (cxx ? c.value.flags.cxxflags : []) + (link ? c.value.flags.ldflags : []) }
    }

    private func common(compiler: CompilerSpec, target: TargetSpec, cxx: Bool) -> [String] {
        let flags = matrix.flags(compiler: compiler, target: target)
        return flags.cflags + (cxx ? flags.cxxflags : []) + toolchain.extra(compiler: compiler.name, target: target.name)
    }

    /// The run step as it would run unsealed: the target's runner prefix, then the program.
    package func run(_ cell: Cell) -> [String] {
        cell.target.runner + ["./" + UnitLayout.program]
    }

    /// The run step as it runs: through bubblewrap when the run is sealed, against the cell's sysroot.
    package func runStep(_ cell: Cell, cellDir: String, name: String = "run", dynamic: Bool = true) -> RunStepCommand {
        RunStepCommand.make(
            cell: cell, cellDir: cellDir, program: "./" + UnitLayout.program, name: name, dynamic: dynamic, decision: toolchain.sandbox)
    }

    package func timeout(_ cell: Cell) -> Int { matrix.timeout(compiler: cell.compiler, target: cell.target) }

    /// The run step's timeout: a generated program's own (short: a Csmith program may loop for hours), else the matrix's.
    package func runTimeout(_ cell: Cell) -> Int { cell.fixture.generated?.runTimeout ?? timeout(cell) }

    /// Every command a cell needs that is not installed, with the Debian package that brings it.
    package func missingTools(_ cell: Cell, unit: BuildUnit) -> [String] {
        var commands = cell.fixture.sources.map { driver(for: $0, in: unit) }
        commands.append(linkDriver(cell, cxx: cell.fixture.isCxx))
        if let runner = cell.target.runner.first { commands.append(runner) }
        var missing: [String] = []
        for c in commands where toolchain.path(c) == nil && ExecutableLookup.resolve(c) == nil && !missing.contains(c) {
            missing.append(c)
        }
        return missing.map { "'\($0)' is not installed" + DebianPackages.hint(for: $0) }
    }
}
