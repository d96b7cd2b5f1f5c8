/// `--sysroot=DIR` for a cell's compile and link steps when the matrix names a sysroot, unless the
/// flags already give one (the matrix's or the fixture's own cflags/ldflags win: they were written on purpose).
package enum SysrootFlag {
    /// Flags that already choose where headers and libraries come from.
    package static func givesSysroot(_ argv: [String]) -> Bool {
        argv.contains { $0 == "--sysroot" || $0.hasPrefix("--sysroot=") || $0 == "-isysroot" || $0.hasPrefix("-isysroot") }
    }

    /// `argv` with `--sysroot=DIR` right after the driver.
    package static func add(_ sysroot: String?, to argv: [String]) -> [String] {
        guard let sysroot, !argv.isEmpty, !givesSysroot(argv) else { return argv }
        return [argv[0], "--sysroot=\(sysroot)"] + argv.dropFirst()
    }
}
