/// The reason of a program killed by SIGILL: which CPU it ran as, so "built for too new an architecture"
/// reads as such. The faulting instruction is added by the runner when it can find it (FaultingInstruction).
package enum IllegalInstruction {
    /// The CPU a target's programs run as: its `cpu`, qemu's default `max` under a qemu runner, else the host's.
    package static func cpuName(_ target: TargetSpec) -> String {
        if let cpu = target.cpu { return cpu.name }
        let emulator = target.runner.first.map { $0.split(separator: "/").last.map(String.init) ?? $0 } ?? ""
        return emulator.hasPrefix("qemu-") ? "max" : "the host"
    }

    package static func reason(target: TargetSpec) -> String {
        let cpu = cpuName(target)
        return cpu == "the host" ? "illegal instruction on the host's cpu" : "illegal instruction on cpu \(cpu)"
    }
}
