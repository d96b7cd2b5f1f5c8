/// The directories of a root's `etc/ld.so.conf`, as ldconfig reads them into the cache the loader consults:
/// one directory a line, `#` comments, `include PATTERN...` lines whose glob patterns are taken inside the
/// root (a relative pattern against the including file's directory), the legacy `dir=TYPE` suffix cut.
/// Every file is read once: an include loop is noted and broken, not followed.
package struct LoaderConfiguration: Sendable, Equatable {
    /// In-root directories, in order, each once.
    package var directories: [String] = []
    /// What was odd in the files (an include loop, an unreadable include), for the output's notes.
    package var notes: [String] = []

    package static let path = "/etc/ld.so.conf"
    /// A bound on nesting even without a loop (ldconfig has none; a deep chain is a hostile root).
    static let depthLimit = 32

    package static func read(in fs: RootedFileSystem) -> LoaderConfiguration {
        var config = LoaderConfiguration()
        var visited: Set<String> = []
        config.parse(path, fs: fs, visited: &visited, chain: [], required: false)
        return config
    }

    private mutating func parse(_ file: String, fs: RootedFileSystem, visited: inout Set<String>, chain: [String],
                                required: Bool) {
        // A file is known by where it resolves, so two names of one file are one file.
        let identity: String
        switch fs.lookup(file) {
        case .found(let f): identity = f.resolvedPath
        case .missing:
            if required { notes.append("\(file): included but missing") }
            return
        case .failure(let reason):
            notes.append("\(file): not read: \(reason)")
            return
        }
        if chain.contains(identity) {
            notes.append("ld.so.conf include loop: \((chain + [identity]).joined(separator: " includes ")); not read again")
            return
        }
        guard !visited.contains(identity) else { return }
        guard chain.count < Self.depthLimit else {
            notes.append("\(file): includes nested over \(Self.depthLimit) deep; not read")
            return
        }
        visited.insert(identity)
        guard let text = fs.readText(file) else {
            notes.append("\(file): unreadable or over 1 MiB")
            return
        }
        let directory = file.split(separator: "/").dropLast().joined(separator: "/")
        for rawLine in text.split(whereSeparator: { $0 == "\n" }) {
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard let first = words.first else { continue }
            if first == "include" {
                for pattern in words.dropFirst() {
                    let absolute = pattern.hasPrefix("/") ? String(pattern) : "/" + directory + "/" + pattern
                    let matches = fs.glob(absolute)
                    for match in matches {
                        parse(match, fs: fs, visited: &visited, chain: chain + [identity], required: true)
                    }
                }
            } else if first == "hwcap" {
                continue  // ldconfig has ignored hwcap lines since glibc 2.26
            } else {
                // ldconfig takes the whole line (less the comment) as one directory.
                var dir = String(line.trimmingWhitespace())
                if let equals = dir.firstIndex(of: "=") { dir = String(dir[..<equals]) }
                while dir.count > 1, dir.hasSuffix("/") { dir.removeLast() }
                if dir.hasPrefix("/"), !directories.contains(dir) { directories.append(dir) }
            }
        }
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return self[start...end]
    }
}
