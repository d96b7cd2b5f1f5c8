import Model

extension StepExecution.Outcome {
    /// bubblewrap does not die of its child's signal: it exits 128+N. Read back, a SIGSEGV program is a
    /// crash again. (A program that itself exits 129..192 reads as a signal too; documented in docs/sysroot.md.)
    mutating func unwrapSandboxExit() {
        guard result.signal == nil, !result.timedOut, let code = result.exitCode, (129...(128 + 64)).contains(code) else { return }
        let name = SignalNames.name(of: code - 128)
        result.exitCode = nil
        result.signal = name
        record.exitCode = nil
        record.signal = name
    }
}

/// A sysroot run that mapped an object from outside the sysroot (the host's copy).
enum HostLeak {
    static func find(_ loaded: [LoadedObject]?, sysroot: String?, cellDir: String) -> String? {
        guard let sysroot, let loaded else { return nil }
        let leaks = loaded.filter { o in
            guard let path = o.path else { return false }
            return !path.hasPrefix(sysroot + "/") && !path.hasPrefix(cellDir + "/")
        }
        guard !leaks.isEmpty else { return nil }
        let named = leaks.map { "\($0.name) from \($0.path ?? "?")" }.joined(separator: ", ")
        return "host leak: \(named), outside the sysroot \(sysroot)"
    }
}
