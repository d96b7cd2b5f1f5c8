import ELFInspection
import Model

/// A cell's binary resolved against its target's sysroot before it runs (`toolgate resolve`, the same
/// code): the problems go in the record's `resolution`, and in its reason when the cell does not pass.
enum CellResolution {
    /// Resolves `binary` in the cell's root: `cell.sysroot` (nil: the host's "/"). The cell's
    /// directory is seen at its own path, as the run step's sandbox binds it, so `$ORIGIN` libraries of
    /// the fixture are found where the program is. A static binary has nothing to resolve: [].
    static func problems(binary: String, facts: ELFFacts, cell: Cell, cellDir: String,
                         cache: LinkFactsCache) -> [ResolutionProblem] {
        guard facts.interpreter != nil || !facts.needed.isEmpty else { return [] }
        let root = cell.sysroot ?? "/"
        let options = ResolveOptions(root: root, bound: [cellDir], workingDirectory: cellDir)
        switch LibraryResolver.resolve(binary, options: options, cache: cache) {
        case .success(let r): return r.problems
        case .failure(let error): return [ResolutionProblem(.unloadableLibrary, "cannot resolve: \(error.description)")]
        }
    }

    /// The first problem, and how many more: what a reason names.
    static func summary(_ problems: [ResolutionProblem]) -> String? {
        guard let first = problems.first else { return nil }
        return first.message + (problems.count > 1 ? " (and \(problems.count - 1) more resolution problems)" : "")
    }

    /// Whether a reason drawn from the loader's own words (RunVerdict) already names the first problem's
    /// library: then the resolution's prefix would say the same thing twice.
    static func alreadyNamed(_ problems: [ResolutionProblem], in reason: String?) -> Bool {
        guard let library = problems.first?.library, let reason else { return false }
        return reason.contains(library)
    }
}
