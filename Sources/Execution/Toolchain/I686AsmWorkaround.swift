import Foundation
import Model

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

    /// nil when the compiler finds asm/errno.h by itself (or the fix cannot help). `store`: the build cache's
    /// probe answers, kept with every header the successful preprocess read (and the driver's file), so a
    /// warm run asks nothing of a compiler whose headers have not changed. An answer "needs the fix" that
    /// outlives a later gcc-multilib install is harmless: `-idirafter` is searched last, a real asm/ wins.
    package static func apply(cc: String, cflags: [String], workDir: String, tag: String = "0", store: ProbeAnswerStore? = nil) async -> Fix? {
        let include = workDir + "/i686-include"
        let fix = Fix(
            flags: ["-idirafter", include],
            explanation: "'\(cc) \(cflags.joined(separator: " "))' cannot find asm/errno.h (no gcc-multilib); added -idirafter \(include), where asm -> \(hostAsm)")
        let key = storeKey(cc: cc, cflags: cflags)
        if let known = store?.load(key, workDir: workDir, prepare: { if $0 == "fix" { makeLink(include) } }) {
            return known == "fix" ? fix : nil
        }
        let dir = workDir + "/probes/asm-\(tag)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let source = dir + "/asm-errno.c"
        // Into the run's work directory: Foundation's String and Data writes fsync, atomic or not; this does not.
        try? AtomicFile.writeStreaming(to: source) { try $0.write(contentsOf: Data("#include <asm/errno.h>\nint toolgate_probe = EINVAL;\n".utf8)) }
        func remember(_ answer: String) {
            guard let store, let driver = ProbeAnswerStore.resolvedExecutable(cc),
                  let text = try? String(contentsOfFile: dir + "/asm-probe.d", encoding: .utf8),
                  let headers = DependencyFile.prerequisites(text)
            else { return }
            store.save(answer, key: key, files: [driver] + headers.filter { $0 != source }, workDir: workDir)
        }
        if await preprocesses(cc: cc, flags: cflags, source: source, dir: dir) {
            remember("none")
            return nil
        }
        guard FileManager.default.fileExists(atPath: hostAsm) else { return nil }
        makeLink(include)
        guard await preprocesses(cc: cc, flags: cflags + fix.flags, source: source, dir: dir) else { return nil }
        remember("fix")
        return fix
    }

    /// The probe's key in ProbeAnswerStore: the driver as named and as found, the flags, and the variables
    /// that move its programs or its include path.
    static func storeKey(cc: String, cflags: [String]) -> String {
        let env = ProcessInfo.processInfo.environment
        return ProbeAnswerStore.key("i686-asm", [cc, ProbeAnswerStore.resolvedExecutable(cc) ?? ""] + cflags
            + ["PATH", "COMPILER_PATH", "GCC_EXEC_PREFIX", "CPATH", "C_INCLUDE_PATH"].map { "\($0)=\(env[$0] ?? "\u{1}")" })
    }

    /// DIR/asm -> the host's x86_64 asm headers.
    private static func makeLink(_ include: String) {
        try? FileManager.default.createDirectory(atPath: include, withIntermediateDirectories: true)
        // Probes may run side by side: creating the same link twice is fine, the second just fails.
        if (try? FileManager.default.destinationOfSymbolicLink(atPath: include + "/asm")) != hostAsm {
            try? FileManager.default.createSymbolicLink(atPath: include + "/asm", withDestinationPath: hostAsm)
        }
    }

    private static func preprocesses(cc: String, flags: [String], source: String, dir: String) async -> Bool {
        let result = await ProcessRunner.run(StepRequest(
            argv: [cc] + flags + ["-E", source, "-o", "/dev/null", "-MD", "-MF", dir + "/asm-probe.d"], cwd: dir, env: ["LC_ALL": "C"], timeoutSeconds: 30,
            stdoutPath: dir + "/asm-probe.out", stderrPath: dir + "/asm-probe.err"))
        return result.succeeded
    }
}
