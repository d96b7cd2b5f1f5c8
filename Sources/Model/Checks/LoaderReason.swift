/// What the dynamic loader, glibc or qemu said on a failed run's stderr, as a cell's reason: the failure
/// named ("libfoo.so.1 not found (needed by prog)") in place of "expected exit 0, got 127".
/// The messages are glibc 2.36's and qemu 7.2's (LoaderReasonTests holds real ones, produced by the tests).
package enum LoaderReason {
    /// The first line glibc's loader, glibc or qemu-user writes when a program cannot start or dies for a
    /// missing piece; nil when stderr holds none. `needed` is the program's DT_NEEDED list when known: glibc
    /// names the program, not the object whose DT_NEEDED failed, so the list tells the two apart.
    package static func reason(stderr: String, needed: [String]? = nil, sysroot: String? = nil) -> String? {
        for line in stderr.split(separator: "\n").prefix(200) {
            if let r = missingLibrary(line, needed: needed) { return r }
            if let r = missingVersion(line) { return r }
            if let r = symbolLookup(line) { return r }
            if let r = pthreadCancel(line) { return r }
            if let r = qemuInterpreter(line, sysroot: sysroot) { return r }
            if let r = qemuCPU(line) { return r }
        }
        return nil
    }

    /// "./prog: error while loading shared libraries: libfoo.so.1: cannot open shared object file: No such
    /// file or directory" → "libfoo.so.1 not found (needed by prog)"; another reason the loader gives for
    /// that library ("wrong ELF class: ELFCLASS32") is kept as it says it.
    static func missingLibrary(_ line: Substring, needed: [String]?) -> String? {
        guard let r = line.range(of: ": error while loading shared libraries: ") else { return nil }
        let program = programName(line[..<r.lowerBound])
        let rest = line[r.upperBound...]
        guard let colon = rest.range(of: ": ") else { return "error while loading shared libraries: \(rest) (loading \(program))" }
        let library = String(rest[..<colon.lowerBound])
        let why = rest[colon.upperBound...]
        let who: String
        if let said = why.range(of: "(needed by ") {
            // A loader that says who needed it is believed over the guess from the program's own list.
            who = String(why[said.lowerBound...].dropFirst().prefix(while: { $0 != ")" }))
        } else if let needed, !needed.contains(library) {
            who = "needed by a library \(program) loads, not by \(program) itself"
        } else {
            who = "needed by \(program)"
        }
        if why.hasPrefix("cannot open shared object file") { return "\(library) not found (\(who))" }
        return "\(library): \(why) (\(who))"
    }

    /// "./px: /tmp/libx.so: version `LIBX_2.0' not found (required by ./px)"
    /// → "version `LIBX_2.0' not found in /tmp/libx.so (required by ./px)".
    static func missingVersion(_ line: Substring) -> String? {
        guard let v = line.range(of: ": version `"), let end = line[v.upperBound...].range(of: "' not found") else { return nil }
        let version = line[v.upperBound..<end.lowerBound]
        let before = line[..<v.lowerBound]
        // "PROG: LIBRARY" before the version; the library is the part after the last ": ".
        let library = before.range(of: ": ", options: .backwards).map { before[$0.upperBound...] } ?? before
        return "version `\(version)' not found in \(library)" + line[end.upperBound...]
    }

    /// "./px: symbol lookup error: ./px: undefined symbol: foo2, version LIBX_2.0"
    /// → "undefined symbol foo2, version LIBX_2.0 (symbol lookup error in ./px)".
    static func symbolLookup(_ line: Substring) -> String? {
        guard let r = line.range(of: "symbol lookup error: ") else { return nil }
        let rest = line[r.upperBound...]
        guard let u = rest.range(of: ": undefined symbol: ") else { return "symbol lookup error: \(rest)" }
        return "undefined symbol \(rest[u.upperBound...]) (symbol lookup error in \(rest[..<u.lowerBound]))"
    }

    /// glibc's "libgcc_s.so.1 must be installed for pthread_cancel to work", then abort().
    static func pthreadCancel(_ line: Substring) -> String? {
        guard line.contains("must be installed for pthread_cancel to work") else { return nil }
        let library = line.split(separator: " ").first(where: { $0.hasPrefix("libgcc_s") }) ?? "libgcc_s.so.1"
        return "\(library) not found: glibc dlopens it for pthread_cancel (\"\(library) must be installed for pthread_cancel to work\")"
    }

    /// qemu-user's "qemu-aarch64: Could not open '/lib/ld-linux-aarch64.so.1': No such file or directory":
    /// the interpreter is missing from the -L root (and from the host, where qemu looks next).
    static func qemuInterpreter(_ line: Substring, sysroot: String?) -> String? {
        guard line.hasPrefix("qemu-"), let r = line.range(of: ": Could not open '"),
              let end = line[r.upperBound...].range(of: "'") else { return nil }
        let path = line[r.upperBound..<end.lowerBound]
        let why = line[end.upperBound...].drop(while: { $0 == ":" || $0 == " " })
        let root = sysroot.map { " in the -L root \($0)" } ?? ""
        return "interpreter \(path) not found\(root): qemu could not open it" + (why.isEmpty ? "" : " (\(why))")
    }

    /// "qemu-aarch64: unable to find CPU model 'cortex-a27'" (a `cpu` the run-start check could not ask about).
    static func qemuCPU(_ line: Substring) -> String? {
        guard line.hasPrefix("qemu-"), let r = line.range(of: ": unable to find CPU model '") else { return nil }
        let emulator = line[..<r.lowerBound]
        return "\(emulator) does not know cpu '\(line[r.upperBound...].prefix(while: { $0 != "'" }))' (\(emulator) -cpu help lists the names)"
    }

    /// "./prog" → "prog": the name glibc prints is argv[0].
    static func programName(_ s: Substring) -> String {
        let last = s.split(separator: "/").last.map(String.init) ?? String(s)
        return last.isEmpty ? String(s) : last
    }
}
