import Foundation

/// How a sysroot becomes a sandbox's root, and where its libraries live.
enum SysrootLayout {
    /// bubblewrap cannot make mount points inside a read-only bound root, so the root is a tmpfs with each
    /// top-level entry of the sysroot bound read-only at its own name, and its top-level symlinks
    /// (`lib64 -> usr/lib64`, Serpent's `lib -> usr/lib`) made again. /dev, /proc and /tmp are the sandbox's own.
    static func rootBinds(_ sysroot: String) -> [String] {
        let fm = FileManager.default
        var out = ["--tmpfs", "/"]
        for entry in ((try? fm.contentsOfDirectory(atPath: sysroot)) ?? []).sorted() where !["dev", "proc", "tmp"].contains(entry) {
            let path = sysroot + "/" + entry
            if let target = try? fm.destinationOfSymbolicLink(atPath: path) {
                out += ["--symlink", target, "/" + entry]
            } else {
                out += ["--ro-bind", path, "/" + entry]
            }
        }
        return out
    }

    /// The multiarch and plain library directories of a machine, as they exist in the sysroot, for
    /// `ld.so --library-path` when there is no sandbox.
    static func libraryPath(_ sysroot: String, machine: String) -> String {
        let triple = ["x86_64": "x86_64-linux-gnu", "i386": "i386-linux-gnu", "aarch64": "aarch64-linux-gnu"][machine]
        var dirs: [String] = []
        if let triple { dirs += ["lib/\(triple)", "usr/lib/\(triple)"] }
        dirs += machine == "i386" ? ["lib32", "usr/lib32"] : ["lib64", "usr/lib64"]
        dirs += ["lib", "usr/lib"]
        return dirs.map { sysroot + "/" + $0 }.filter { FileManager.default.fileExists(atPath: $0) }.joined(separator: ":")
    }

    /// `path` inside the sysroot with its symlinks followed as the sysroot sees them, in every component
    /// (`lib64 -> usr/lib`, `ld-linux-x86-64.so.2 -> /lib/x86_64-linux-gnu/...`): an absolute target is the
    /// sysroot's, never the host's. A loop gives up after 40 links and keeps what it has.
    static func resolveInside(_ sysroot: String, _ path: String) -> String {
        var pending = path.split(separator: "/").map(String.init)
        var resolved: [String] = []
        var links = 0
        while !pending.isEmpty {
            let part = pending.removeFirst()
            if part == "." || part.isEmpty { continue }
            if part == ".." { if !resolved.isEmpty { resolved.removeLast() }; continue }
            let here = sysroot + "/" + (resolved + [part]).joined(separator: "/")
            if links < 40, let target = try? FileManager.default.destinationOfSymbolicLink(atPath: here) {
                links += 1
                if target.hasPrefix("/") { resolved = [] }
                pending = target.split(separator: "/").map(String.init) + pending
            } else {
                resolved.append(part)
            }
        }
        return sysroot + "/" + resolved.joined(separator: "/")
    }
}
