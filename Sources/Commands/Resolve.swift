import ArgumentParser
import ELFInspection
import Foundation
import Frontend
import Model
import Reporting

/// `toolgate resolve [--sysroot DIR] [--json] FILE...`: what glibc's loader would load for each file, and
/// what would stop it, without running anything (docs/resolve.md).
struct Resolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Resolve the shared libraries of files as glibc's loader would, without running them.",
        discussion: """
            Every DT_NEEDED is searched for, breadth first, in the loader's order: DT_RPATH (only without \
            DT_RUNPATH), DT_RUNPATH, $ORIGIN/$LIB/$PLATFORM expanded, the root's etc/ld.so.conf with its \
            includes, then the default directories of the file's class and machine. Candidates of another \
            class or machine are skipped. The interpreter must exist in the root; every version need and \
            every versioned symbol must be defined by the library it names. LD_LIBRARY_PATH is not used.
            A FILE outside the sysroot is seen at its own path, as a sandbox binds a cell's directory.
            Exit status: 0 when everything resolves, 1 when any problem is found, 2 when an input (or the \
            sysroot) cannot be read, or for a usage mistake. The output and the JSON fields are described in docs/resolve.md.
            """)

    @Option(name: .long, help: "Resolve inside this root: every path, and every absolute symlink, is taken in it.")
    var sysroot: String = "/"

    @Flag(name: .long, help: "Print one JSON array, one object per file in input order.")
    var json = false

    @Argument(help: "ELF files to resolve.")
    var files: [String] = []

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one file to resolve") }
    }

    func run() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: sysroot, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Diagnostic.error("sysroot '\(sysroot)' is not a directory")
        }
        let cache = LinkFactsCache()
        let options = ResolveOptions(root: sysroot)
        var unreadable = false
        var problems = false
        var elements: [[UInt8]] = []
        for file in files {
            let result = LibraryResolver.resolve(file, options: options, cache: cache)
            switch result {
            case .success(let r):
                problems = problems || !r.problems.isEmpty
                if !json { FileHandle.standardOutput.write(Data(ResolutionText.block(r).utf8)) }
            case .failure(let error):
                unreadable = true
                // Not the command's end: the other files are resolved, then the exit is 2.
                RunContext.current.standardError.write(Diagnostic.error(error.description))
            }
            if json { elements.append(ResolutionJSON.element(result, file: file)) }
        }
        if json { FileHandle.standardOutput.write(Data(ResolutionJSON.document(elements))) }
        if unreadable { throw ExitCode(2) }
        if problems { throw ExitCode(1) }
    }
}
