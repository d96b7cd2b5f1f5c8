import Foundation

/// `sysroot = "DIR"` in `[targets.T]` and `[compilers.C.targets.T]`, and the per-cell answer.
extension TableReader {
    /// A non-empty string; a relative path is the matrix file's directory's, like `fixtures`.
    func sysroot(matrixDirectory: String) throws(MatrixError) -> String? {
        guard let written = try string("sysroot") else { return nil }
        guard let node = table["sysroot"] else { return nil }
        guard !written.isEmpty else { throw error("'sysroot' must not be empty", at: node.location) }
        var resolved = MatrixDecoder.resolve(written, against: matrixDirectory)
        if !resolved.hasPrefix("/") {
            resolved = MatrixDecoder.resolve(resolved, against: FileManager.default.currentDirectoryPath)
        }
        while resolved.count > 1, resolved.hasSuffix("/") { resolved.removeLast() }
        return resolved
    }
}

extension Matrix {
    /// The directory a cell's programs resolve against: `[compilers.C.targets.T] sysroot`, else
    /// `[targets.T] sysroot`, else the target runner's qemu `-L` directory; nil for the host's `/`.
    package func sysroot(compiler: CompilerSpec, target: TargetSpec) -> String? {
        compiler.targets[target.name]?.sysroot ?? target.sysroot
    }

    /// The sysroot the matrix names for a cell's compile and link steps (`--sysroot=DIR`): the two keys
    /// only, never a runner's `-L` (a cross compiler has its own).
    package func buildSysroot(compiler: CompilerSpec, target: TargetSpec) -> String? {
        compiler.targets[target.name]?.sysroot ?? target.explicitSysroot
    }
}

extension Cell {
    /// `Matrix.sysroot(compiler:target:)` for this cell, from its own specs.
    package var sysroot: String? { compiler.targets[target.name]?.sysroot ?? target.sysroot }
}

extension Matrix {
    /// Every `sysroot` the matrix names that is not a directory here, as errors naming the file and table.
    package func missingSysroots(exists: (String) -> Bool) -> [MatrixError] {
        var out: [MatrixError] = []
        for t in targets {
            if let s = t.explicitSysroot, !exists(s) {
                out.append(MatrixError(path: path, location: nil, message: "[targets.\(t.name)] sysroot '\(s)' is not a directory (toolgate doctor checks a sysroot)"))
            }
        }
        for c in compilers {
            for (name, o) in c.targets.sorted(by: { $0.key < $1.key }) {
                if let s = o.sysroot, !exists(s) {
                    out.append(MatrixError(path: path, location: nil, message: "[compilers.\(c.name).targets.\(name)] sysroot '\(s)' is not a directory (toolgate doctor checks a sysroot)"))
                }
            }
        }
        return out
    }
}
