/// What the loader of a class and machine assumes without being told: its default ("system") directories,
/// `$LIB` and `$PLATFORM`, and the interpreter it is installed as.
///
/// glibc's system directories are its build's slibdir and libdir: Debian's multiarch pair then /lib and
/// /usr/lib (`ld.so --help` lists them), upstream's /lib64 and /usr/lib64 for x86_64 and aarch64, Debian's
/// libc6-i386 /lib32 and /usr/lib32. A staged root may come from either kind of build, so the list is the
/// union, multiarch first; a directory a build does not search is only a difference where it holds a
/// library no earlier one does.
package struct LoaderDefaults: Sendable, Equatable {
    package var directories: [String]
    /// `$LIB`: the last part of slibdir.
    package var lib: String
    /// `$PLATFORM`: the kernel's AT_PLATFORM string.
    package var platform: String
    package var interpreter: String?

    package static func forFile(elfClass: Int, machine: String) -> LoaderDefaults {
        switch (machine, elfClass) {
        case ("x86_64", 64):
            LoaderDefaults(
                directories: ["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib"],
                lib: "lib/x86_64-linux-gnu", platform: "x86_64", interpreter: "/lib64/ld-linux-x86-64.so.2")
        case ("i386", 32):
            LoaderDefaults(
                directories: ["/lib/i386-linux-gnu", "/usr/lib/i386-linux-gnu", "/lib32", "/usr/lib32", "/lib", "/usr/lib"],
                lib: "lib/i386-linux-gnu", platform: "i686", interpreter: "/lib/ld-linux.so.2")
        case ("aarch64", 64):
            LoaderDefaults(
                directories: ["/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib"],
                lib: "lib/aarch64-linux-gnu", platform: "aarch64", interpreter: "/lib/ld-linux-aarch64.so.1")
        case (_, 64):
            LoaderDefaults(directories: ["/lib64", "/usr/lib64", "/lib", "/usr/lib"], lib: "lib64", platform: machine, interpreter: nil)
        default:
            LoaderDefaults(directories: ["/lib", "/usr/lib"], lib: "lib", platform: machine, interpreter: nil)
        }
    }
}

/// glibc's dynamic string tokens: `$ORIGIN`, `$LIB`, `$PLATFORM`, bare or in braces. A bare token ends
/// at '/' or the end of the string (glibc's is_dst); anything else stays as written.
enum DynamicStringTokens {
    static func expand(_ text: String, origin: String, defaults: LoaderDefaults) -> String {
        guard text.contains("$") else { return text }
        let values = ["ORIGIN": origin, "LIB": defaults.lib, "PLATFORM": defaults.platform]
        var out = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            out += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            var matched = false
            for (name, value) in values {
                if after.hasPrefix("{" + name + "}") {
                    out += value
                    rest = after.dropFirst(name.count + 2)
                    matched = true
                    break
                }
                if after.hasPrefix(name) {
                    let tail = after.dropFirst(name.count)
                    if tail.isEmpty || tail.hasPrefix("/") {
                        out += value
                        rest = tail
                        matched = true
                        break
                    }
                }
            }
            if !matched {
                out += "$"
                rest = after
            }
        }
        return out + rest
    }
}
