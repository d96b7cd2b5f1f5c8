import Foundation

/// Debian 12 without the gcc-multilib metapackage (it conflicts with the aarch64 cross compiler) has no
/// /usr/include/asm for -m32 code, so anything including <errno.h> fails on `asm/errno.h`. When the
/// compiler's include path lacks asm/, toolgate makes a directory under the run's work dir holding an
/// `asm` link to /usr/include/x86_64-linux-gnu/asm (the same kernel headers; the asm-generic parts are
/// shared) and adds `-idirafter DIR`, searched last, so a real asm/ always wins. /usr is never touched.
package enum I686AsmWorkaround {
    package static let hostAsm = "/usr/include/x86_64-linux-gnu/asm"

    package struct Fix: Sendable, Equatable {
        package var flags: [String]
        package var explanation: String
    }

    /// nil when the compiler finds asm/errno.h by itself (or the fix cannot help).
    package static func apply(cc: String, cflags: [String], workDir: String, tag: String = "0") async -> Fix? {
        let dir = workDir + "/probes/asm-\(tag)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let source = dir + "/asm-errno.c"
        try? "#include <asm/errno.h>\nint toolgate_probe = EINVAL;\n".write(toFile: source, atomically: true, encoding: .utf8)
        if await preprocesses(cc: cc, flags: cflags, source: source, dir: dir) { return nil }
        guard FileManager.default.fileExists(atPath: hostAsm) else { return nil }
        let include = workDir + "/i686-include"
        try? FileManager.default.createDirectory(atPath: include, withIntermediateDirectories: true)
        // Probes may run side by side: creating the same link twice is fine, the second just fails.
        if (try? FileManager.default.destinationOfSymbolicLink(atPath: include + "/asm")) != hostAsm {
            try? FileManager.default.createSymbolicLink(atPath: include + "/asm", withDestinationPath: hostAsm)
        }
        let flags = ["-idirafter", include]
        guard await preprocesses(cc: cc, flags: cflags + flags, source: source, dir: dir) else { return nil }
        return Fix(
            flags: flags,
            explanation: "'\(cc) \(cflags.joined(separator: " "))' cannot find asm/errno.h (no gcc-multilib); added -idirafter \(include), where asm -> \(hostAsm)")
    }

    private static func preprocesses(cc: String, flags: [String], source: String, dir: String) async -> Bool {
        let result = await ProcessRunner.run(StepRequest(
            argv: [cc] + flags + ["-E", source, "-o", "/dev/null"], cwd: dir, env: ["LC_ALL": "C"], timeoutSeconds: 30,
            stdoutPath: dir + "/asm-probe.out", stderrPath: dir + "/asm-probe.err"))
        return result.succeeded
    }
}
