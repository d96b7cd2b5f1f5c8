import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Paths as a program inside a root directory sees them: every absolute path, and every absolute symlink
/// target, is taken inside `root`, and `..` stops at it, so nothing resolves outside. `bound` directories
/// are seen at their own host path (the sandbox binds the cell's directory so), whatever the root.
package struct RootedFileSystem: Sendable {
    /// The root's host path without a trailing '/'; "" for the host's own "/".
    package let root: String
    package let bound: [String]

    /// The kernel's limit on symlinks followed in one lookup (MAXSYMLINKS).
    static let symlinkLimit = 40

    package init(root: String, bound: [String] = []) {
        var r = root
        while r.hasSuffix("/") { r.removeLast() }
        self.root = r
        self.bound = bound.map { b in
            var b = b
            while b.count > 1, b.hasSuffix("/") { b.removeLast() }
            return b
        }
    }

    /// A regular file found, with what identifies its version on disk.
    package struct Found: Sendable, Equatable, Hashable {
        /// The path inside the root with every symlink resolved.
        package var resolvedPath: String
        /// Where the file is on this machine.
        package var hostPath: String
        package var size: Int
        package var modified: Int
        package var device: UInt64
        package var inode: UInt64
    }

    package enum Lookup: Sendable, Equatable {
        case found(Found)
        /// ENOENT, ENOTDIR, EACCES: the loader goes on to the next directory.
        case missing
        /// A symlink loop, a directory where a file should be: the loader stops with this error.
        case failure(String)
    }

    /// The host path of an in-root absolute path, before any symlink of it is followed.
    package func hostPath(_ path: String) -> String {
        for b in bound where path == b || path.hasPrefix(b == "/" ? "/" : b + "/") { return path }
        return root + (path.hasPrefix("/") ? path : "/" + path)
    }

    /// A directory above a bound one: the sandbox makes it to mount the bound directory on, whatever the
    /// root holds there.
    private func leadsToBound(_ path: String) -> Bool {
        !root.isEmpty && bound.contains { $0.hasPrefix(path + "/") }
    }

    /// Looks `path` up inside the root, following symlinks the way the kernel would inside a chroot.
    package func lookup(_ path: String) -> Lookup { lookup(path, from: []) }

    /// Looks `name` up in a directory already resolved by `resolveDirectory` (its symlinks followed), so
    /// that only the name itself is looked at: a search tries each directory for many names.
    package func lookup(_ name: String, inResolved directory: String) -> Lookup {
        lookup(name, from: directory.split(separator: "/").map(String.init))
    }

    private func lookup(_ path: String, from start: [String]) -> Lookup {
        var pending = path.split(separator: "/").reversed().map(String.init)
        var resolved: [String] = start
        var links = 0
        var last = stat()
        var isDirectory = true
        while let component = pending.popLast() {
            if component == "." { continue }
            if component == ".." {
                if !resolved.isEmpty { resolved.removeLast() }
                continue
            }
            guard isDirectory else { return .missing }
            let candidate = "/" + (resolved + [component]).joined(separator: "/")
            if leadsToBound(candidate) {
                resolved.append(component)
                continue
            }
            let host = hostPath(candidate)
            var st = stat()
            guard lstat(host, &st) == 0 else {
                return errno == ENOENT || errno == ENOTDIR || errno == EACCES ? .missing : .failure(errnoText())
            }
            if st.st_mode & S_IFMT == S_IFLNK {
                links += 1
                guard links <= Self.symlinkLimit else { return .failure("too many levels of symbolic links") }
                guard let target = readLink(host), !target.isEmpty else { return .failure("unreadable symbolic link") }
                if target.hasPrefix("/") { resolved = [] }
                pending.append(contentsOf: target.split(separator: "/").reversed().map(String.init))
                continue
            }
            resolved.append(component)
            last = st
            isDirectory = st.st_mode & S_IFMT == S_IFDIR
        }
        let resolvedPath = "/" + resolved.joined(separator: "/")
        if resolved.isEmpty || isDirectory { return .failure("is a directory") }
        guard last.st_mode & S_IFMT == S_IFREG else { return .failure("not a regular file") }
        return .found(Found(
            resolvedPath: resolvedPath, hostPath: hostPath(resolvedPath), size: Int(last.st_size),
            modified: Int(last.st_mtim.tv_sec) &* 1_000_000_000 &+ Int(last.st_mtim.tv_nsec),
            device: UInt64(last.st_dev), inode: UInt64(last.st_ino)))
    }

    /// Whether `path` is a directory inside the root (symlinks followed inside it).
    package func isDirectory(_ path: String) -> Bool { resolveDirectory(path) != nil }

    /// The in-root path of a directory with its symlinks resolved inside the root; nil when it is not one.
    package func resolveDirectory(_ path: String) -> String? { resolvedDirectory(path)?.inRoot }

    /// The text of a small file inside the root (a configuration file): nil when absent or over `limit`.
    package func readText(_ path: String, limit: Int = 1 << 20) -> String? {
        guard case .found(let f) = lookup(path), f.size <= limit,
              let data = FileManager.default.contents(atPath: f.hostPath) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The in-root paths matching a glob pattern (`*`, `?`, `[...]` in any component), sorted as glob(3)
    /// sorts them. Directories are listed inside the root.
    package func glob(_ pattern: String) -> [String] {
        var prefixes = [""]
        let components = pattern.split(separator: "/").map(String.init)
        for (i, component) in components.enumerated() {
            let isLast = i == components.count - 1
            var next: [String] = []
            for prefix in prefixes {
                if !component.contains(where: { "*?[".contains($0) }) {
                    next.append(prefix + "/" + component)
                    continue
                }
                guard let host = resolvedDirectory(prefix.isEmpty ? "/" : prefix)?.host,
                      let names = try? FileManager.default.contentsOfDirectory(atPath: host) else { continue }
                for name in names.sorted() where fnmatch(component, name, FNM_PERIOD) == 0 {
                    next.append(prefix + "/" + name)
                }
            }
            // Keep only what exists: a later component needs a directory, the last any entry.
            prefixes = next.filter { p in
                isLast ? exists(p) : isDirectory(p)
            }
            if prefixes.count > 100_000 { break }
        }
        return prefixes
    }

    private func exists(_ path: String) -> Bool {
        switch lookup(path) {
        case .found: true
        case .missing: false
        case .failure: isDirectory(path)
        }
    }

    /// A directory inside the root, its symlinks resolved inside the root: its in-root and host paths.
    private func resolvedDirectory(_ path: String) -> (inRoot: String, host: String)? {
        var pending = path.split(separator: "/").reversed().map(String.init)
        var resolved: [String] = []
        var links = 0
        while let component = pending.popLast() {
            if component == "." { continue }
            if component == ".." {
                if !resolved.isEmpty { resolved.removeLast() }
                continue
            }
            let candidate = "/" + (resolved + [component]).joined(separator: "/")
            if leadsToBound(candidate) {
                resolved.append(component)
                continue
            }
            let host = hostPath(candidate)
            var st = stat()
            guard lstat(host, &st) == 0 else { return nil }
            if st.st_mode & S_IFMT == S_IFLNK {
                links += 1
                guard links <= Self.symlinkLimit, let target = readLink(host) else { return nil }
                if target.hasPrefix("/") { resolved = [] }
                pending.append(contentsOf: target.split(separator: "/").reversed().map(String.init))
                continue
            }
            guard st.st_mode & S_IFMT == S_IFDIR else { return nil }
            resolved.append(component)
        }
        let inRoot = "/" + resolved.joined(separator: "/")
        return (inRoot, hostPath(inRoot))
    }

    private func readLink(_ host: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4097)
        let n = buffer.withUnsafeMutableBufferPointer { b -> Int in
            guard let base = b.baseAddress else { return -1 }
            return readlink(host, base, 4096)
        }
        guard n >= 0 else { return nil }
        return String(decoding: buffer.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// The host's realpath(3) of a path: the input file of `resolve` is given as a host path.
package func hostRealPath(_ path: String) -> String? {
    guard let p = realpath(path, nil) else { return nil }
    defer { free(p) }
    return String(cString: p)
}
