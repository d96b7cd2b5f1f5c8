/// A target of the matrix: what its binaries must look like and how they run.
package struct TargetSpec: Sendable, Equatable {
    package var name: String
    /// The ELF machine name as `toolgate inspect` writes it ("x86_64", "i386", "aarch64").
    package var machine: String
    /// 32 or 64.
    package var elfClass: Int
    /// The glibc dynamic loader every dynamic binary must name as its interpreter.
    package var loader: String
    /// An argv prefix (`qemu-aarch64 -L /usr/aarch64-linux-gnu`); empty runs natively.
    package var runner: [String]
    package var flags: FlagSet
    /// `cpu`: the CPU its programs run as under qemu (TargetCPU); already in `runner` as `-cpu NAME`.
    package var cpu: TargetCPU? = nil
    /// `sysroot = "DIR"` as written in `[targets.NAME]` (absolute, resolved against the matrix's directory);
    /// nil when the matrix does not give one. Compile and link steps get `--sysroot=DIR` only from this.
    package var explicitSysroot: String?

    package init(
        name: String, machine: String, elfClass: Int, loader: String, runner: [String] = [], flags: FlagSet = FlagSet(),
        explicitSysroot: String? = nil
    ) {
        self.name = name
        self.machine = machine
        self.elfClass = elfClass
        self.loader = loader
        self.runner = runner
        self.flags = flags
        self.explicitSysroot = explicitSysroot
    }

    /// The targets whose machine, class and loader toolgate knows without being told.
    package static let known: [String: (machine: String, elfClass: Int, loader: String)] = [
        "x86_64": ("x86_64", 64, "/lib64/ld-linux-x86-64.so.2"),
        "i686": ("i386", 32, "/lib/ld-linux.so.2"),
        "aarch64": ("aarch64", 64, "/lib/ld-linux-aarch64.so.1"),
    ]

    package static var knownNames: [String] { known.keys.sorted() }

    /// The directory the target's programs resolve against: the `sysroot` key, else the qemu `-L`
    /// directory of the runner, when there is one. Per cell, `Matrix.sysroot(compiler:target:)` also
    /// reads `[compilers.C.targets.T] sysroot`.
    package var sysroot: String? { explicitSysroot ?? runnerSysroot }

    /// The qemu `-L` directory of the runner, when there is one: where the target's libraries are.
    package var runnerSysroot: String? {
        guard let i = runner.firstIndex(of: "-L"), i + 1 < runner.count else { return nil }
        return runner[i + 1]
    }
}
