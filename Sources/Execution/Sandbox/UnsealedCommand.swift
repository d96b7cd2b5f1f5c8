import Foundation

extension RunStepCommand {
    /// A recorded run step's argv as a plain command again: what `reduce` runs for each candidate in a
    /// scratch directory of its own. Bubblewrap and its binds go (they name the cell's directory), the
    /// emulator bound into the sandbox is named by its host path, and the loader's report variables go
    /// (they would write into the cell's directory). A sysroot-rooted qemu (`-L /` inside the sandbox) keeps
    /// `-L /`: such a run is not reproduced against its sysroot.
    package static func unsealed(_ argv: [String]) -> [String] {
        var command = argv
        var hostPaths: [String: String] = [:]
        if let first = argv.first, (first as NSString).lastPathComponent == "bwrap", let end = argv.firstIndex(of: "--") {
            var i = 1
            while i + 2 < end {
                if argv[i] == "--ro-bind" || argv[i] == "--bind" { hostPaths[argv[i + 2]] = argv[i + 1] }
                i += 1
            }
            command = Array(argv[(end + 1)...])
        }
        // The bound emulator starts through the bound loader: `/.toolgate/host/ld.so --library-path L EXE`.
        if command.count > 3, command[0] == RunnerBinding.hostDir + "/ld.so", command[1] == "--library-path" {
            command.removeFirst(3)
        }
        command = command.map { hostPaths[$0] ?? $0 }
        if command.first == "env" {
            let assignments = command.dropFirst().prefix { $0.contains("=") && !$0.hasPrefix("/") && !$0.hasPrefix("./") }
            if assignments.allSatisfy({ $0.hasPrefix("LD_DEBUG") }) { command.removeFirst(1 + assignments.count) }
        }
        var out: [String] = []
        var i = 0
        while i < command.count {
            if command[i] == "-E", i + 1 < command.count, command[i + 1].hasPrefix("LD_DEBUG") {
                i += 2
                continue
            }
            out.append(command[i])
            i += 1
        }
        return out
    }
}
