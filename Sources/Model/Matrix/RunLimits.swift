/// Limits on the run step of every cell (`[limits]` in the matrix).
package struct RunLimits: Sendable, Equatable, Codable {
    /// RLIMIT_CPU.
    package var cpuSeconds: Int = 60
    /// RLIMIT_AS in MiB. Tested with qemu-user 7.2: qemu sizes its guest reservation to fit.
    /// (RLIMIT_DATA is not used: an exhausted qemu spins instead of exiting.)
    package var memoryMiB: Int = 4096
    /// RLIMIT_NPROC (not enforced for root by the kernel; the step timeout still ends a fork bomb).
    package var processes: Int = 256
    /// RLIMIT_FSIZE in KiB, which caps stdout and stderr (they go to files): past it, SIGXFSZ.
    package var outputKiB: Int = 16384

    package init() {}

    enum CodingKeys: String, CodingKey {
        case cpuSeconds = "cpu_seconds"
        case memoryMiB = "memory_mib"
        case processes
        case outputKiB = "output_kib"
    }
}
