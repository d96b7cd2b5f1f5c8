import Execution
import Foundation
import Model

/// Builds and runs a C and a C++ hello for one compiler and target, the way a cell would (matrix flags,
/// toolgate's own flags, the runner), so a missing 32-bit libc or cross sysroot shows up before a run.
enum DoctorHello {
    /// Built with the cell's `--sysroot` and run as a cell's run step would be: in the sandbox `sandbox` allows, against the sysroot.
    static func check(
        matrix: Matrix, compiler: CompilerSpec, target: TargetSpec, dir: String, sandbox: SandboxDecision = .unsealed
    ) async -> DoctorChecks.Finding {
        let name = "\(compiler.name)/\(target.name)"
        let drivers = [compiler.cc(for: target.name), compiler.cxx(for: target.name)]
        guard drivers.allSatisfy({ ExecutableLookup.resolve($0) != nil }) else {
            return DoctorChecks.Finding(text: "skipped  \(name): hello not built (a driver is missing)", isProblem: false)
        }
        let flags = matrix.flags(compiler: compiler, target: target)
        var extra: [String] = []
        if target.machine == "i386",
           let fix = await I686AsmWorkaround.apply(cc: drivers[0], cflags: flags.cflags, workDir: dir) {
            extra = fix.flags
        }
        let work = "\(dir)/hello-\(compiler.name)-\(target.name)"
        try? FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let sources = [
            ("hello.c", "#include <errno.h>\n#include <stdio.h>\nint main(void) { printf(\"%d\\n\", EINVAL); return 0; }\n", drivers[0], [String]()),
            ("hello.cc", "#include <iostream>\n#include <stdexcept>\nint main() { try { throw std::runtime_error(\"x\"); } catch (...) { std::cout << 22 << std::endl; } }\n", drivers[1], flags.cxxflags),
        ]
        for (file, text, driver, cxxflags) in sources {
            try? text.write(toFile: "\(work)/\(file)", atomically: true, encoding: .utf8)
            let build = await ProcessRunner.run(StepRequest(
                argv: SysrootFlag.add(
                    matrix.buildSysroot(compiler: compiler, target: target), to: [driver] + flags.cflags + cxxflags + extra + flags.ldflags + [file])
                    + ["-o", file + ".out"],
                cwd: work, env: ["LC_ALL": "C"], timeoutSeconds: 60,
                stdoutPath: "\(work)/\(file).build.out", stderrPath: "\(work)/\(file).build.err"))
            guard build.succeeded else {
                let err = CapturedOutput.read("\(work)/\(file).build.err", cap: 4096)
                let line = err.split(separator: "\n").first(where: { $0.contains("error") || $0.contains("cannot find") }) ?? err.split(separator: "\n").first ?? ""
                return DoctorChecks.Finding(text: "broken   \(name): \(file) does not build: \(line)\(hint(target))", isProblem: true)
            }
            let step = RunStepCommand.make(
                target: target, sysroot: matrix.sysroot(compiler: compiler, target: target), cellDir: work, program: "./" + file + ".out",
                name: file + ".run", dynamic: false, decision: sandbox)
            let run = await ProcessRunner.run(StepRequest(
                argv: step.argv, cwd: work, env: ["LC_ALL": "C"], timeoutSeconds: 60,
                stdoutPath: "\(work)/\(file).run.out", stderrPath: "\(work)/\(file).run.err"))
            let out = CapturedOutput.read("\(work)/\(file).run.out", cap: 100)
            guard run.succeeded, out == "22\n" else {
                let err = CapturedOutput.read("\(work)/\(file).run.err", cap: 4096).split(separator: "\n").first ?? ""
                return DoctorChecks.Finding(text: "broken   \(name): \(file) builds but does not run: \(err)", isProblem: true)
            }
        }
        return DoctorChecks.Finding(text: "ok       \(name): C and C++ hello build and run", isProblem: false)
    }

    private static func hint(_ target: TargetSpec) -> String {
        switch target.machine {
        case "i386": " (apt-get install gcc-12-multilib g++-12-multilib)"
        case "aarch64": " (apt-get install libc6-dev-arm64-cross)"
        default: ""
        }
    }
}
