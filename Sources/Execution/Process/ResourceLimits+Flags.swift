extension Launcher.ResourceLimits {
    /// The limits a command record keeps as `prlimit` options (`--cpu=60 --as=... --nproc=256 --fsize=...
    /// --core=0`, StepRequest.limitFlags), read back so `repro --exec` sets them itself with setrlimit in
    /// the launched child, as the run did, instead of starting prlimit. Unknown options are ignored.
    package init(prlimitFlags flags: [String]) {
        self.init()
        for flag in flags {
            let parts = flag.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Int(parts[1]) else { continue }
            switch parts[0] {
            case "--cpu": cpuSeconds = value
            case "--as": addressSpaceBytes = value
            case "--nproc": processes = value
            case "--fsize": fileSizeBytes = value
            case "--core": coreBytes = value
            default: continue
            }
        }
    }
}
