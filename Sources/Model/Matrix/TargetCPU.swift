/// `cpu = "cortex-a72"` in `[targets.T]`: the target's programs run as that CPU under qemu-user, not as
/// qemu's `max` (every extension) nor the host's own CPU. The emulator gets `-cpu NAME` right after its
/// name; a native target gets `qemu-<machine> -cpu NAME` as its runner (qemu-x86_64 -cpu runs x86 code
/// on an x86 host as that older CPU). Whether qemu knows the name is asked of qemu at run start
/// (`CPUCheck`), not here: a matrix parses on a machine without qemu.
package struct TargetCPU: Sendable, Equatable {
    package var name: String
    /// Where `cpu` is in the matrix file, for the run-start error about a name qemu does not know.
    package var location: SourceLocation?

    /// The model without qemu's feature suffixes ("Nehalem,-sse4.2" → "Nehalem"): what `-cpu help` lists.
    package var model: String { String(name.split(separator: ",").first ?? Substring(name)) }

    package init(name: String, location: SourceLocation?) {
        self.name = name
        self.location = location
    }

    /// The qemu-user emulator for an ELF machine name as `inspect` writes it.
    package static func emulator(machine: String) -> String { "qemu-" + machine }

    /// The runner argv with `-cpu NAME`: inserted after the emulator, or a qemu runner for a native target.
    package func runner(_ runner: [String], machine: String) -> [String] {
        guard let emulator = runner.first else { return [Self.emulator(machine: machine), "-cpu", name] }
        return [emulator, "-cpu", name] + runner.dropFirst()
    }

    static func decode(_ table: TableReader) throws(MatrixError) -> TargetCPU? {
        guard let node = table.table["cpu"], let name = try table.string("cpu") else { return nil }
        guard !name.isEmpty, !name.hasPrefix(","), !name.contains(where: { $0 == " " || $0 == "\t" }) else {
            throw table.error("'cpu' must be one qemu cpu name such as 'cortex-a72' (qemu's ',+feature' suffixes allowed), found '\(name)'", at: node.location)
        }
        let runner = try table.stringArray("runner") ?? []
        if let first = runner.first {
            let base = first.split(separator: "/").last.map(String.init) ?? first
            guard base.hasPrefix("qemu-") else {
                throw table.error("'cpu' needs a qemu-user runner, and 'runner' starts with '\(first)'; drop 'cpu' or run under qemu", at: node.location)
            }
            if runner.contains("-cpu") {
                throw table.error("the cpu is given twice: 'cpu' and '-cpu' in 'runner'; keep 'cpu'", at: node.location)
            }
        }
        return TargetCPU(name: name, location: node.location)
    }
}

extension TargetSpec {
    /// Sets `cpu` and puts `-cpu NAME` into the runner.
    mutating func apply(_ cpu: TargetCPU) {
        self.cpu = cpu
        runner = cpu.runner(runner, machine: machine)
    }
}
