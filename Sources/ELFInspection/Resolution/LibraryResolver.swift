/// Where and how `resolve` looks: the root every path is taken in, the directories seen at their own path
/// inside it, and the current directory relative search-path entries are taken against.
package struct ResolveOptions: Sendable, Equatable {
    package var root: String
    package var bound: [String]
    /// In-root; nil: the process's own directory when the root is "/", else the root's "/".
    package var workingDirectory: String?

    package init(root: String = "/", bound: [String] = [], workingDirectory: String? = nil) {
        self.root = root
        self.bound = bound
        self.workingDirectory = workingDirectory
    }
}

/// glibc's loader (elf/dl-load.c, dl-deps.c, dl-version.c) replayed over files: the dependencies of a file
/// are loaded breadth first, each name once; each is searched for in the order `_dl_map_object` tries,
/// and version needs are checked as `_dl_check_map_versions` does. LD_LIBRARY_PATH is not consulted (a
/// sysroot run sets none; the host's own would say nothing about the root), nor are glibc-hwcaps
/// subdirectories (they depend on the CPU that runs the program).
package enum LibraryResolver {
    package static func resolve(_ file: String, options: ResolveOptions = ResolveOptions(),
                                cache: LinkFactsCache = LinkFactsCache()) -> Result<Resolution, InspectError> {
        let input: LinkFacts
        switch ELFInspector.linkFacts(path: file) {
        case .success(let facts): input = facts
        case .failure(let error): return .failure(error)
        }
        var session = ResolutionSession(file: file, input: input, options: options, cache: cache)
        session.run()
        return .success(session.result)
    }
}

/// One resolution's working state.
struct ResolutionSession {
    let options: ResolveOptions
    let cache: LinkFactsCache
    let fs: RootedFileSystem
    let defaults: LoaderDefaults
    let workingDirectory: String
    var result: Resolution
    var facts: [LinkFacts?] = []
    /// Every name an object is known by (its DT_NEEDED names, its soname, its path), as glibc's
    /// `_dl_name_match_p` matches them; -1 marks a name already found missing.
    var names: [String: Int] = [:]
    var byFile: [FileID: Int] = [:]

    struct FileID: Hashable {
        var device: UInt64
        var inode: UInt64
        init(_ f: RootedFileSystem.Found) { (device, inode) = (f.device, f.inode) }
    }
    var configuration: LoaderConfiguration?
    /// Search directories as resolved inside the root (nil: not a directory), each looked at once.
    var directories: [String: String?] = [:]

    init(file: String, input: LinkFacts, options: ResolveOptions, cache: LinkFactsCache) {
        self.options = options
        self.cache = cache
        let rootHost = hostRealPath(options.root) ?? options.root
        let real = hostRealPath(file) ?? file
        // The input is seen inside the root where it lies in it, else at its own path (bound, as the
        // sandbox binds a cell's directory).
        var bound = options.bound
        var inRoot = real
        let rootPrefix = rootHost == "/" ? "" : rootHost
        if !rootPrefix.isEmpty {
            if real.hasPrefix(rootPrefix + "/") {
                inRoot = String(real.dropFirst(rootPrefix.count))
            } else {
                bound.append(String(real[..<(real.lastIndex(of: "/") ?? real.endIndex)]))
            }
        }
        fs = RootedFileSystem(root: rootHost, bound: bound)
        defaults = LoaderDefaults.forFile(elfClass: input.elfClass, machine: input.machine)
        if let wd = options.workingDirectory {
            workingDirectory = wd
        } else if rootPrefix.isEmpty, let cwd = hostRealPath(".") {
            workingDirectory = cwd
        } else {
            workingDirectory = "/"
        }
        result = Resolution(file: file, root: options.root)
        result.objects = [ResolvedObject(name: file, path: inRoot, hostPath: real, via: .input)]
        facts = [input]
        names[inRoot] = 0
    }

    var input: LinkFacts { facts[0] ?? LinkFacts(path: "", elfClass: 0, machine: "", type: .other) }

    /// The name problems call an object by: the input's file name, a library's DT_NEEDED name.
    func displayName(_ index: Int) -> String {
        if index == 0 {
            let name = result.file
            return name.split(separator: "/").last.map(String.init) ?? name
        }
        return result.objects[index].name
    }

    mutating func run() {
        result.notes += input.warnings.map { "\(displayName(0)): \($0)" }
        loadInterpreter()
        var next = 0
        while next < result.objects.count {
            let index = next
            next += 1
            guard let f = facts[index] else { continue }
            var dependencies: [ResolvedObject.Dependency] = []
            dependencies.reserveCapacity(f.needed.count)
            for name in f.needed {
                dependencies.append(.init(name: name, object: load(name, requester: index)))
            }
            result.objects[index].dependencies = dependencies
        }
        if input.isDynamic && !input.hasSectionHeaders {
            result.notes.append("\(displayName(0)): no section headers; version needs not checked")
        }
        checkVersions()
    }

    // MARK: - the interpreter

    mutating func loadInterpreter() {
        let named = input.interpreter
        guard let path = named ?? (input.needed.isEmpty ? nil : defaults.interpreter) else { return }
        switch fs.lookup(path) {
        case .found(let found):
            switch cache.facts(of: found) {
            case .success(let f):
                if let mismatch = mismatch(f) {
                    if named != nil {
                        result.problems.append(.init(
                            mismatch.kind, "interpreter \(path) is \(mismatch.what)", library: path, neededBy: displayName(0)))
                    }
                    return
                }
                let index = append(ResolvedObject(name: path, path: path, hostPath: found.hostPath, via: .interpreter), f, found)
                if let soname = f.soname { names[soname] = names[soname] ?? index }
            case .failure(let error):
                if named != nil {
                    result.problems.append(.init(.missingInterpreter, "interpreter \(path) is unusable: \(error.description)",
                                                 library: path, neededBy: displayName(0)))
                }
            }
        case .missing:
            if named != nil {
                result.problems.append(.init(.missingInterpreter, "interpreter \(path) not found in \(options.root)",
                                             library: path, neededBy: displayName(0)))
            }
        case .failure(let reason):
            if named != nil {
                result.problems.append(.init(.missingInterpreter, "interpreter \(path) cannot be opened: \(reason)",
                                             library: path, neededBy: displayName(0)))
            }
        }
    }

    @discardableResult
    mutating func append(_ object: ResolvedObject, _ f: LinkFacts, _ found: RootedFileSystem.Found) -> Int {
        let index = result.objects.count
        result.objects.append(object)
        facts.append(f)
        byFile[FileID(found)] = index
        if let path = object.path { names[path] = names[path] ?? index }
        names[object.name] = names[object.name] ?? index
        return index
    }

    // MARK: - one DT_NEEDED entry

    mutating func load(_ rawName: String, requester: Int) -> Int? {
        let name = DynamicStringTokens.expand(rawName, origin: origin(of: requester), defaults: defaults)
        if let known = names[name] { return known >= 0 ? known : nil }
        let search = LibrarySearch(name: name, requester: requester)
        let outcome = search.run(&self)
        switch outcome {
        case .found(let found, let path, let via, let f):
            // glibc compares device and inode before mapping: one file under two names is one object.
            if let same = byFile[FileID(found)] {
                names[name] = same
                return same
            }
            let index = append(
                ResolvedObject(name: name, path: path, hostPath: found.hostPath, via: via, loadedBy: requester), f, found)
            if let soname = f.soname { names[soname] = names[soname] ?? index }
            result.notes += f.warnings.map { "\(name): \($0)" }
            return index
        case .problem(let problem):
            result.problems.append(problem)
            names[name] = -1
            return nil
        }
    }

    /// `$ORIGIN` of an object: the directory of the path it was opened by (the input: its real path, as
    /// the kernel gives /proc/self/exe).
    func origin(of index: Int) -> String {
        let path = result.objects[index].path ?? "/"
        guard let slash = path.lastIndex(of: "/") else { return workingDirectory }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }

    /// Why a file cannot be loaded next to the input: its class or its machine.
    func mismatch(_ f: LinkFacts) -> (kind: ResolutionProblem.Kind, what: String)? {
        let want = input
        if f.elfClass != want.elfClass {
            return (.wrongClass, "ELFCLASS\(f.elfClass) \(f.machine), not ELFCLASS\(want.elfClass) \(want.machine)")
        }
        if f.machine != want.machine { return (.wrongMachine, "\(f.machine), not \(want.machine)") }
        return nil
    }

    mutating func directory(_ path: String) -> String? {
        if let known = directories[path] { return known }
        let resolved = fs.resolveDirectory(path)
        directories[path] = .some(resolved)
        return resolved
    }

    mutating func loaderConfiguration() -> LoaderConfiguration {
        if let configuration { return configuration }
        let read = cache.configuration(for: fs)
        configuration = read
        result.notes += read.notes
        return read
    }
}
