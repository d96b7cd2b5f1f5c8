import Execution
import Foundation
import Model

/// The checks behind `doctor`, each producing lines: "ok", "missing" (with the package), "note" (a pitfall).
enum DoctorChecks {
    struct Finding {
        var text: String
        var isProblem: Bool
    }

    static func run(matrix: Matrix, workDir: String) async -> [Finding] {
        var out: [Finding] = []
        try? FileManager.default.createDirectory(atPath: workDir, withIntermediateDirectories: true)
        out.append(Finding(text: "matrix \(matrix.path): \(matrix.compilers.count) compilers, \(matrix.targets.count) targets, fixtures \(matrix.fixtures)", isProblem: false))
        if !FileManager.default.fileExists(atPath: matrix.fixtures) {
            out.append(Finding(text: "missing  fixtures directory \(matrix.fixtures)", isProblem: true))
        }
        let sandbox = await SandboxProbe.probe(matrix: matrix, workDir: workDir)
        var seen = Set<String>()
        for c in matrix.compilers {
            for t in matrix.targets {
                for command in [c.cc(for: t.name), c.cxx(for: t.name)] where seen.insert(command).inserted {
                    out.append(await commandFinding(command, what: "\(c.name) for \(t.name)", dir: workDir))
                }
                out += await compileCheck(matrix: matrix, compiler: c, target: t, dir: workDir)
                out.append(await DoctorHello.check(matrix: matrix, compiler: c, target: t, dir: workDir, sandbox: sandbox))
            }
        }
        for t in matrix.targets {
            out += await runnerChecks(t, dir: workDir)
        }
        out += await cpuChecks(matrix, dir: workDir)
        out += DoctorSysroot.checks(matrix)
        out.append(DoctorSysroot.sandboxFinding(sandbox))
        return out
    }

    static func commandFinding(_ command: String, what: String, dir: String) async -> Finding {
        guard ExecutableLookup.resolve(command) != nil else {
            return Finding(text: "missing  \(command) (\(what))\(DebianPackages.hint(for: command))", isProblem: true)
        }
        let version = await ToolchainProbe.version(of: command, dir: dir, index: abs(command.hashValue % 100000)) ?? "no --version"
        return Finding(text: "ok       \(command): \(version)", isProblem: false)
    }

    /// Preprocesses <errno.h> for the target; explains and applies the i686 asm/ workaround when it bites.
    static func compileCheck(matrix: Matrix, compiler: CompilerSpec, target: TargetSpec, dir: String) async -> [Finding] {
        let cc = compiler.cc(for: target.name)
        guard ExecutableLookup.resolve(cc) != nil else { return [] }
        let flags = matrix.flags(compiler: compiler, target: target).cflags
        guard target.machine == "i386" else { return [] }
        if let fix = await I686AsmWorkaround.apply(cc: cc, cflags: flags, workDir: dir) {
            return [Finding(
                text: """
                    note     \(compiler.name)/\(target.name): -m32 code including <errno.h> fails with 'asm/errno.h: No such file' \
                    because Debian's gcc-multilib metapackage (which adds /usr/include/asm) is not installed; it conflicts with \
                    the aarch64 cross compiler, so do not install it. toolgate adds '\(fix.flags[0]) <run dir>/i686-include' \
                    (asm -> \(I686AsmWorkaround.hostAsm)) to every i686 step itself; /usr is never edited.
                    """, isProblem: false)]
        }
        return [Finding(text: "ok       \(compiler.name)/\(target.name): <asm/errno.h> found", isProblem: false)]
    }

    static func runnerChecks(_ t: TargetSpec, dir: String) async -> [Finding] {
        guard let runner = t.runner.first else {
            return [Finding(text: "ok       \(t.name): runs natively", isProblem: false)]
        }
        var out = [await commandFinding(runner, what: "runner of \(t.name)", dir: dir)]
        // A sysroot the matrix names is checked in full by DoctorSysroot; here the runner's own -L directory.
        if t.explicitSysroot == nil, let sysroot = t.runnerSysroot {
            let fm = FileManager.default
            if !fm.fileExists(atPath: sysroot) {
                out.append(Finding(text: "missing  \(t.name) sysroot \(sysroot) (apt-get install libc6-dev-arm64-cross or the target's libc6 cross package)", isProblem: true))
            } else {
                let loader = sysroot + t.loader
                out.append(Finding(
                    text: fm.fileExists(atPath: loader) ? "ok       \(t.name) loader \(loader)" : "missing  \(t.name) loader \(loader)",
                    isProblem: !fm.fileExists(atPath: loader)))
                let places = ["lib", "lib64", "usr/lib"].map { "\(sysroot)/\($0)/libgcc_s.so.1" }
                if let found = places.first(where: { fm.fileExists(atPath: $0) }) {
                    out.append(Finding(text: "ok       \(t.name) \(found) (glibc dlopens it for pthread_cancel; C++ needs it)", isProblem: false))
                } else {
                    out.append(Finding(
                        text: "missing  \(t.name) libgcc_s.so.1 in \(sysroot): pthread_cancel aborts and shared-libgcc C++ will not start under \(runner); only running finds this (apt-get install libgcc-s1-arm64-cross)",
                        isProblem: true))
                }
            }
        }
        return out
    }

    /// Each target's `cpu` against its emulator's `-cpu help`.
    static func cpuChecks(_ matrix: Matrix, dir: String) async -> [Finding] {
        let problems = await CPUCheck.problems(matrix: matrix, dir: dir + "/cpu")
        return matrix.targets.compactMap { t in
            // A missing emulator is the runner check's finding, with its package.
            guard let cpu = t.cpu, let emulator = t.runner.first, ExecutableLookup.resolve(emulator) != nil else { return nil }
            if let p = problems.first(where: { $0.location == cpu.location }) { return Finding(text: "error    \(p)", isProblem: true) }
            return Finding(text: "ok       \(t.name) runs as cpu \(cpu.name) (\(t.runner.joined(separator: " ")))", isProblem: false)
        }
    }
}
