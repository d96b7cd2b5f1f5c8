import Foundation
import Model

/// The exact argv of a cell's run step: the program, under the target's runner, against the cell's
/// sysroot, inside bubblewrap when the run is sealed, with glibc's loader reporting what it maps.
package struct RunStepCommand: Sendable, Equatable {
    /// How a path the loader reports (as the program saw it) maps to a host path.
    package enum PathView: Sendable, Equatable {
        /// The program saw the host's files.
        case host
        /// The sandbox's root was this sysroot: `/usr/lib/x` is `SYSROOT/usr/lib/x`.
        case sysrootRoot(String)
        /// qemu-user with `-L SYSROOT` and no sandbox: the sysroot's file when it has one, else the host's.
        case qemuPrefix(String)
    }

    package var argv: [String]
    /// "bwrap" or "none", for the cell record.
    package var sandbox: String
    /// LD_DEBUG_OUTPUT: glibc writes PATH.PID for every process that runs a dynamic program; nil when
    /// the program is static or the runner is not one whose guest environment we can set.
    package var loaderReport: String?
    package var sysroot: String?
    package var view: PathView

    /// The variables that make glibc's loader say what it maps, into a file, not onto the program's output.
    package static func loaderVariables(_ output: String) -> [(String, String)] {
        // ":" not ",": qemu reads -E values getsubopt-style, and glibc takes any of " ,:" between options.
        [("LD_DEBUG", "files:libs"), ("LD_DEBUG_OUTPUT", output)]
    }

    /// - Parameters:
    ///   - name: the step's name ("run", "run-2"): the loader's report is `CELL/NAME.ld-debug.PID`.
    ///   - dynamic: the program has a PT_INTERP.
    package static func make(
        cell: Cell, cellDir: String, program: String, name: String, dynamic: Bool, decision: SandboxDecision
    ) -> RunStepCommand {
        make(target: cell.target, sysroot: cell.sysroot, cellDir: cellDir, program: program, name: name, dynamic: dynamic, decision: decision)
    }

    /// The same for a program that is not a cell's (doctor's hello): `sysroot` as `Matrix.sysroot(compiler:target:)` gives it.
    package static func make(
        target: TargetSpec, sysroot: String?, cellDir: String, program: String, name: String, dynamic: Bool, decision: SandboxDecision
    ) -> RunStepCommand {
        let runner = target.runner
        let isQemu = runner.first.map { ($0 as NSString).lastPathComponent.hasPrefix("qemu-") } ?? false
        let report = dynamic && (runner.isEmpty || isQemu) ? "\(cellDir)/\(name).ld-debug" : nil
        let variables = report.map(loaderVariables) ?? []
        let sealed = decision.bwrap
        var inner: [String]
        var view = PathView.host
        if runner.isEmpty {
            inner = [program]
            if let sysroot, sealed != nil {
                view = .sysrootRoot(sysroot)
            } else if let sysroot {
                // No sandbox: the sysroot's own loader, told to search the sysroot's directories first.
                inner = [SysrootLayout.resolveInside(sysroot, target.loader), "--library-path", SysrootLayout.libraryPath(sysroot, machine: target.machine), program]
            }
            if sealed == nil, !variables.isEmpty { inner = ["env"] + variables.map { "\($0.0)=\($0.1)" } + inner }
        } else {
            var args = Array(runner.dropFirst())
            if let sysroot, isQemu {
                let inside = sealed != nil ? "/" : sysroot
                if let i = args.firstIndex(of: "-L"), i + 1 < args.count { args[i + 1] = inside } else { args = ["-L", inside] + args }
                view = sealed != nil ? .sysrootRoot(sysroot) : .qemuPrefix(sysroot)
            }
            if isQemu { for (k, v) in variables { args += ["-E", "\(k)=\(v)"] } }
            var start = [runner[0]]
            if sysroot != nil, sealed != nil, let binding = decision.runnerBindings[runner[0]] {
                start = binding.insideArgv
            }
            inner = start + args + [program]
        }
        guard let bwrap = sealed else {
            return RunStepCommand(argv: inner, sandbox: "none", loaderReport: report, sysroot: sysroot, view: view)
        }
        var b = [bwrap]
        if let sysroot, runner.isEmpty || isQemu {
            b += SysrootLayout.rootBinds(sysroot)
            if !runner.isEmpty, let binding = decision.runnerBindings[runner[0]] { b += binding.binds }
        } else {
            b += ["--ro-bind", "/", "/"]
        }
        b += ["--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp", "--bind", cellDir, cellDir]
        if sysroot != nil, runner.isEmpty || isQemu { b += ["--remount-ro", "/"] }
        b += ["--unshare-pid", "--unshare-net", "--die-with-parent", "--chdir", cellDir]
        if runner.isEmpty { for (k, v) in variables { b += ["--setenv", k, v] } }
        return RunStepCommand(argv: b + ["--"] + inner, sandbox: "bwrap", loaderReport: report, sysroot: sysroot, view: view)
    }

    /// A loader-reported path as a host path.
    package func hostPath(_ written: String, cellDir: String) -> String {
        // The program runs in its cell's directory: `./libx.so` (a dlopen by relative path) is there.
        let path = written.hasPrefix("/") ? written : cellDir + "/" + (written.hasPrefix("./") ? String(written.dropFirst(2)) : written)
        if path.hasPrefix(cellDir + "/") { return path }
        switch view {
        case .host: return path
        case .sysrootRoot(let root): return path.hasPrefix("/tmp/") ? path : root + path
        case .qemuPrefix(let root): return FileManager.default.fileExists(atPath: root + path) ? root + path : path
        }
    }
}

extension RunnerBinding {
    /// How the runner starts inside the sandbox.
    var insideArgv: [String] {
        let exe = Self.hostDir + "/" + (executable as NSString).lastPathComponent
        guard loader != nil else { return [exe] }
        return [Self.hostDir + "/ld.so", "--library-path", Self.hostDir + "/lib", exe]
    }

    /// The bubblewrap binds that put it there.
    var binds: [String] {
        var b = ["--ro-bind", executable, Self.hostDir + "/" + (executable as NSString).lastPathComponent]
        if let loader { b += ["--ro-bind", loader, Self.hostDir + "/ld.so"] }
        for lib in libraries { b += ["--ro-bind", lib, Self.hostDir + "/lib/" + (lib as NSString).lastPathComponent] }
        return b
    }
}
