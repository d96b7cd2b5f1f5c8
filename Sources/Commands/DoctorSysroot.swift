import Execution
import Foundation
import Model

/// `doctor` on a sysroot the matrix names: what a program built and run against it needs, each
/// missing piece named (only running would find most of them otherwise).
enum DoctorSysroot {
    /// Where glibc and gcc put them, for a machine: multiarch, lib32/lib64, plain, and Serpent's /usr/lib.
    static func libraryDirs(machine: String) -> [String] {
        let triple = ["x86_64": "x86_64-linux-gnu", "i386": "i386-linux-gnu", "aarch64": "aarch64-linux-gnu"][machine]
        var dirs: [String] = []
        if let triple { dirs += ["lib/\(triple)", "usr/lib/\(triple)"] }
        dirs += machine == "i386" ? ["lib32", "usr/lib32"] : ["lib64", "usr/lib64"]
        return dirs + ["lib", "usr/lib"]
    }

    static func check(_ sysroot: String, target: TargetSpec, what: String) -> [DoctorChecks.Finding] {
        let fm = FileManager.default
        guard fm.fileExists(atPath: sysroot) else {
            return [DoctorChecks.Finding(text: "missing  \(what) sysroot \(sysroot): no such directory", isProblem: true)]
        }
        var out: [DoctorChecks.Finding] = []
        let loader = sysroot + target.loader
        // An absolute symlink (lib64/ld-linux-x86-64.so.2 -> /lib/x86_64-linux-gnu/...) points into the root itself.
        let loaderThere = fm.fileExists(atPath: loader) || (try? fm.destinationOfSymbolicLink(atPath: loader))
            .map { fm.fileExists(atPath: ($0.hasPrefix("/") ? sysroot : (loader as NSString).deletingLastPathComponent + "/") + $0) } == true
        out.append(DoctorChecks.Finding(
            text: loaderThere ? "ok       \(what) loader \(loader)" : "missing  \(what) loader \(loader) (PT_INTERP of every dynamic program)",
            isProblem: !loaderThere))
        let pieces = [
            ("libc.so.6", "every dynamic program needs it"),
            ("libgcc_s.so.1", "glibc dlopens it for pthread_cancel; shared-libgcc and C++ programs need it"),
            ("crt1.o", "every program's start files"), ("crti.o", "every program's start files"),
        ]
        let dirs = libraryDirs(machine: target.machine)
        for (name, why) in pieces {
            if let dir = dirs.first(where: { fm.fileExists(atPath: "\(sysroot)/\($0)/\(name)") }) {
                out.append(DoctorChecks.Finding(text: "ok       \(what) \(sysroot)/\(dir)/\(name)", isProblem: false))
            } else {
                out.append(DoctorChecks.Finding(
                    text: "missing  \(what) \(name) in \(sysroot) (looked in \(dirs.joined(separator: ", "))): \(why)", isProblem: true))
            }
        }
        return out
    }

    /// Every explicit sysroot of the matrix (per target, per compiler-and-target), once each.
    static func checks(_ matrix: Matrix) -> [DoctorChecks.Finding] {
        var seen = Set<String>()
        var out: [DoctorChecks.Finding] = []
        for t in matrix.targets {
            for c in matrix.compilers {
                guard let s = matrix.buildSysroot(compiler: c, target: t), seen.insert("\(t.name) \(s)").inserted else { continue }
                out += check(s, target: t, what: t.name)
            }
        }
        return out
    }

    /// Whether run steps will be sealed: the matrix's `sandbox` mode and bubblewrap on this machine.
    static func sandboxFinding(_ d: SandboxDecision) -> DoctorChecks.Finding {
        if let error = d.error { return DoctorChecks.Finding(text: "missing  \(error)", isProblem: true) }
        if let warning = d.warning { return DoctorChecks.Finding(text: "note     sandbox = \"auto\": \(warning)", isProblem: false) }
        if let bwrap = d.bwrap { return DoctorChecks.Finding(text: "ok       run steps sealed by \(bwrap) (sandbox = \"\(d.mode.rawValue)\")", isProblem: false) }
        return DoctorChecks.Finding(text: "note     sandbox = \"none\": run steps run on the host", isProblem: false)
    }
}
