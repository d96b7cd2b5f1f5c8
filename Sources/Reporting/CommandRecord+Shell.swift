import Model

extension CommandRecord {
    /// The step as a person would type it in a shell: `NAME=VALUE ...` words for its environment, then, for a
    /// run step, `prlimit LIMITS --` (a person's shell has no launcher to set them; toolgate's own runs and
    /// `repro --exec` set them with setrlimit), then the argv. The log, index.html and repro.sh show the same.
    var shellWords: (env: [String], limitsAndArgv: [String]) {
        let env = self.env.keys.sorted().map { "\($0)=\(ShellWords.quote(self.env[$0] ?? ""))" }
        return (env, (limits.isEmpty ? [] : ["prlimit"] + limits + ["--"]) + argv)
    }
}
