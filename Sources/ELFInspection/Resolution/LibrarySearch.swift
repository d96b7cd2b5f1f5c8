/// The search for one DT_NEEDED name, in `_dl_map_object`'s order: a name with '/' is opened as it is;
/// else DT_RPATH of the requester and of each object that loaded it, up to the input (only while the
/// requester has no DT_RUNPATH; an object with DT_RUNPATH has no DT_RPATH to glibc), then the requester's
/// DT_RUNPATH, then the root's ld.so.conf directories and the default directories (neither with
/// DF_1_NODEFLIB). A candidate of the wrong class or machine is skipped (glibc's found_other_class); one
/// the loader cannot open or map stops the search, as it stops glibc.
struct LibrarySearch {
    let name: String
    let requester: Int

    enum Outcome {
        case found(RootedFileSystem.Found, path: String, via: ResolvedObject.Via, facts: LinkFacts)
        case problem(ResolutionProblem)
    }

    private struct Skipped {
        var path: String
        var kind: ResolutionProblem.Kind
        var what: String
    }

    func run(_ s: inout ResolutionSession) -> Outcome {
        let neededBy = s.displayName(requester)
        var skipped: [Skipped] = []
        func tryPath(_ path: String, via: ResolvedObject.Via, asCache: Bool = false) -> Outcome? {
            let slash = path.lastIndex(of: "/") ?? path.startIndex
            let dir = path[..<slash].isEmpty ? "/" : String(path[..<slash])
            // Like glibc's per-directory status: a directory that is not there (a loop in its own path
            // included) is passed over, and each is resolved once per resolution.
            guard let resolvedDir = s.directory(dir) else { return nil }
            switch s.fs.lookup(String(path[path.index(after: slash)...]), inResolved: resolvedDir) {
            case .missing:
                return nil
            case .failure(let reason):
                return .problem(.init(.unloadableLibrary, "\(name) (needed by \(neededBy)): \(path): \(reason)",
                                      library: name, neededBy: neededBy))
            case .found(let found):
                switch s.cache.facts(of: found) {
                case .failure(let error):
                    // The cache holds only libraries ldconfig could read; the loader stops at anything else.
                    if asCache { return nil }
                    return .problem(.init(.unloadableLibrary, "\(name) (needed by \(neededBy)): \(error.description)",
                                          library: name, neededBy: neededBy))
                case .success(let f):
                    if let mismatch = s.mismatch(f) {
                        // A cache entry of another class is never offered; elsewhere it is skipped and told.
                        if !asCache { skipped.append(Skipped(path: path, kind: mismatch.kind, what: mismatch.what)) }
                        return nil
                    }
                    if asCache, (f.soname ?? lastComponent(path)) != name { return nil }
                    if f.type == .exec {
                        return .problem(.init(.unloadableLibrary, "\(name) (needed by \(neededBy)): \(path) is an executable, which cannot be loaded as a library",
                                              library: name, neededBy: neededBy))
                    }
                    for skip in skipped {
                        s.result.notes.append("\(name) (needed by \(neededBy)): skipped \(skip.path): \(skip.what)")
                    }
                    return .found(found, path: path, via: via, facts: f)
                }
            }
        }
        func inDirectories(_ dirs: [String], via: ResolvedObject.Via, asCache: Bool = false) -> Outcome? {
            for dir in dirs {
                if let outcome = tryPath(join(dir, name), via: via, asCache: asCache) { return outcome }
            }
            return nil
        }

        if name.contains("/") {
            let path = name.hasPrefix("/") ? name : join(s.workingDirectory, name)
            if let outcome = tryPath(path, via: .path) { return outcome }
        } else {
            let requesterFacts = s.facts[requester]
            if requesterFacts?.runpath.isEmpty ?? true {
                var chain: Int? = requester
                var steps = 0
                while let l = chain, steps < s.result.objects.count {
                    steps += 1
                    if let f = s.facts[l], !f.rpath.isEmpty,
                       let outcome = inDirectories(expanded(f.rpath, origin: s.origin(of: l), s), via: .rpath) {
                        return outcome
                    }
                    chain = s.result.objects[l].loadedBy
                }
            }
            if let f = requesterFacts, !f.runpath.isEmpty,
               let outcome = inDirectories(expanded(f.runpath, origin: s.origin(of: requester), s), via: .runpath) {
                return outcome
            }
            if !(requesterFacts?.noDefaultLibraries ?? false) {
                if isLibraryName(name),
                   let outcome = inDirectories(s.loaderConfiguration().directories, via: .ldSoConf, asCache: true) {
                    return outcome
                }
                if let outcome = inDirectories(s.defaults.directories, via: .defaultDirectory) { return outcome }
            }
        }

        if let first = skipped.first {
            let list = skipped.map { "\($0.path) is \($0.what)" }.joined(separator: "; ")
            return .problem(.init(first.kind, "\(name) (needed by \(neededBy)): only a wrong one found: \(list)",
                                  library: name, neededBy: neededBy))
        }
        return .problem(.init(.missingLibrary, "\(name) not found (needed by \(neededBy))", library: name, neededBy: neededBy))
    }

    /// Search-path entries with their tokens expanded; an empty entry or a relative one is the current
    /// directory's, as in glibc.
    private func expanded(_ entries: [String], origin: String, _ s: ResolutionSession) -> [String] {
        entries.map { entry in
            let e = DynamicStringTokens.expand(entry, origin: origin, defaults: s.defaults)
            if e.hasPrefix("/") { return e }
            return e.isEmpty ? s.workingDirectory : join(s.workingDirectory, e)
        }
    }
}

/// What ldconfig puts in the cache: names like a shared library's (glibc's _dl_is_dso).
func isLibraryName(_ name: String) -> Bool {
    (name.hasPrefix("lib") || name.hasPrefix("ld-") || name.hasPrefix("ld.so")) && name.contains(".so")
}

func join(_ dir: String, _ name: String) -> String {
    dir.hasSuffix("/") ? dir + name : dir + "/" + name
}

func lastComponent(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
}
