/// The loader's answer for one file, worked out without running it (`toolgate resolve`): every object it
/// would load, in load order, where each was found and how, and what would stop the program from starting.
package struct Resolution: Sendable, Equatable {
    /// The file as given.
    package var file: String
    /// The root every path is taken in ("/" for the host).
    package var root: String
    /// objects[0] is the file itself; the interpreter, when the file names one and it is there, follows.
    package var objects: [ResolvedObject]
    package var problems: [ResolutionProblem]
    /// What is worth knowing but stops nothing: a candidate of the wrong machine skipped, an ld.so.conf
    /// include loop broken, a library without version information.
    package var notes: [String]

    package init(file: String, root: String, objects: [ResolvedObject] = [], problems: [ResolutionProblem] = [],
                 notes: [String] = []) {
        self.file = file
        self.root = root
        self.objects = objects
        self.problems = problems
        self.notes = notes
    }

    /// A static file: no interpreter and nothing needed, so nothing to resolve.
    package var isStatic: Bool { objects.count == 1 && objects[0].dependencies.isEmpty && objects[0].via == .input }
}

/// One object of the load: found (path and host path set) or not.
package struct ResolvedObject: Sendable, Equatable {
    /// The name it was asked for by (a DT_NEEDED entry), or the input's path.
    package var name: String
    /// The path inside the root the loader opens (the directory searched joined with the name).
    package var path: String?
    /// The file on this machine, every symlink resolved inside the root.
    package var hostPath: String?
    package var via: Via
    /// The index of the object whose DT_NEEDED loaded this one first (glibc's l_loader); nil for the
    /// input and the interpreter.
    package var loadedBy: Int?
    /// Each DT_NEEDED entry of this object and the index of the object that satisfies it (nil: not found).
    package var dependencies: [Dependency]

    package init(name: String, path: String? = nil, hostPath: String? = nil, via: Via, loadedBy: Int? = nil,
                 dependencies: [Dependency] = []) {
        self.name = name
        self.path = path
        self.hostPath = hostPath
        self.via = via
        self.loadedBy = loadedBy
        self.dependencies = dependencies
    }

    package struct Dependency: Sendable, Equatable {
        package var name: String
        package var object: Int?

        package init(name: String, object: Int?) {
            self.name = name
            self.object = object
        }
    }

    /// How the loader came to this file, in the order it tries them.
    package enum Via: String, Sendable, Equatable, Codable {
        case input
        case interpreter
        /// A DT_NEEDED name with a '/', opened as a path.
        case path
        case rpath
        case runpath
        /// A directory of the root's etc/ld.so.conf (what ldconfig puts in the cache).
        case ldSoConf = "ld.so.conf"
        /// The loader's default directories.
        case defaultDirectory = "default"
    }
}

/// Something that stops the program from loading, or a symbol from binding. A value: `kind` for scripts,
/// `message` for people ("GLIBC_2.38 needed by prog; libc.so.6 defines up to GLIBC_2.36").
package struct ResolutionProblem: Sendable, Equatable, Codable, CustomStringConvertible {
    package enum Kind: String, Sendable, Equatable, Codable {
        case missingLibrary = "missing_library"
        case missingVersion = "missing_version"
        case missingSymbolVersion = "missing_symbol_version"
        case wrongClass = "wrong_class"
        case wrongMachine = "wrong_machine"
        case missingInterpreter = "missing_interpreter"
        /// Found, but the loader would stop at it: not ELF, an executable, a symlink loop.
        case unloadableLibrary = "unloadable_library"
        /// A kind written by a newer toolgate.
        case other
    }

    package var kind: Kind
    package var message: String
    /// The library (or interpreter) the problem is about.
    package var library: String?
    /// The object that needed it.
    package var neededBy: String?

    package init(_ kind: Kind, _ message: String, library: String? = nil, neededBy: String? = nil) {
        self.kind = kind
        self.message = message
        self.library = library
        self.neededBy = neededBy
    }

    package var description: String { message }

    enum CodingKeys: String, CodingKey {
        case kind, message, library
        case neededBy = "needed_by"
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(message, forKey: .message)
        try c.encodeIfPresent(library, forKey: .library)
        try c.encodeIfPresent(neededBy, forKey: .neededBy)
    }
}
