/// `toolgate inspect` is given thousands of paths (`find ... | xargs toolgate inspect`), and
/// ArgumentParser's cost grows with the square of the number of positional values (0.3 s for 1,800).
/// So the entry point lifts plain file operands out before parsing and hands them over afterwards; options
/// and their values still go through the parser, with its messages.
package enum InspectOperands {
    /// Options of `inspect` that take a value as the next argument.
    static let optionsWithValue: Set<String> = ["--jobs", "-j"]

    /// Splits `inspect`'s arguments (after the subcommand name) into parser arguments and file operands.
    static func split(_ args: [String]) -> (options: [String], files: [String]) {
        var options: [String] = []
        var files: [String] = []
        var i = 0
        while i < args.count {
            let a = args[i]
            if a == "--" {
                files += args[(i + 1)...]
                break
            }
            if a.hasPrefix("-") && a != "-" {
                options.append(a)
                if optionsWithValue.contains(a), i + 1 < args.count {
                    options.append(args[i + 1])
                    i += 1
                }
            } else {
                files.append(a)
            }
            i += 1
        }
        return (options, files)
    }

    /// Runs `inspect` through the fast path when the command line starts with it; nil otherwise.
    package static func runIfInspect(_ arguments: [String]) -> Int32? {
        guard arguments.first == "inspect" else { return nil }
        let (options, files) = split(Array(arguments.dropFirst()))
        do {
            guard var command = try Toolgate.parseAsRoot(["inspect"] + options) as? Inspect else {
                return nil  // --help or --version: let the ordinary path print it.
            }
            command.files = files
            try command.run()
            return 0
        } catch {
            Toolgate.exit(withError: error)
        }
    }
}
