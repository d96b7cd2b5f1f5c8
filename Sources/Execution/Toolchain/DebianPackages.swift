/// Which Debian 12 package brings a command, for "install X" hints in `doctor` and skipped cells.
package enum DebianPackages {
    package static func package(for command: String) -> String? {
        let name = command.split(separator: "/").last.map(String.init) ?? command
        let fixed: [String: String] = [
            "gcc": "gcc", "g++": "g++", "cc": "gcc", "c++": "g++",
            "qemu-aarch64": "qemu-user", "qemu-arm": "qemu-user", "qemu-riscv64": "qemu-user",
            "prlimit": "util-linux", "setsid": "util-linux",
            "bwrap": "bubblewrap",
            "csmith": "csmith libcsmith-dev", "cvise": "cvise",
        ]
        if let p = fixed[name] { return p }
        if name.hasPrefix("clang++-") { return "clang-" + name.dropFirst("clang++-".count) }
        if name.hasPrefix("clang-") { return name }
        if name.hasPrefix("ld.lld-") { return "lld-" + name.dropFirst("ld.lld-".count) }
        // aarch64-linux-gnu-gcc → gcc-aarch64-linux-gnu
        for driver in ["gcc", "g++"] where name.hasSuffix("-linux-gnu-" + driver) {
            return driver + "-" + name.dropLast(driver.count + 1)
        }
        if name.hasPrefix("qemu-") { return "qemu-user" }
        return nil
    }

    /// " (apt-get install X)" or "".
    package static func hint(for command: String) -> String {
        package(for: command).map { " (apt-get install \($0))" } ?? ""
    }
}
