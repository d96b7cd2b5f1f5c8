import ELFFacts

/// `resolve`'s text: the tree of what loads what (each object under the one that loaded it first, a name
/// met again marked "already loaded"), where each was found and how, then notes and problems.
package enum ResolutionText {
    /// Deeper levels are not indented further: a 10,000-long chain must not print gigabytes of spaces.
    static let indentLimit = 24

    package static func block(_ r: Resolution) -> String {
        var lines: [String] = []
        let root = r.objects.first
        lines.append("\(r.file)" + (r.root == "/" ? "" : " (in \(r.root))"))
        if r.isStatic { lines.append("    static: nothing to resolve") }
        if let interpreter = r.objects.first(where: { $0.via == .interpreter }) {
            lines.append("    interpreter \(interpreter.path ?? interpreter.name)")
        }
        // Depth-first over first loads, with an explicit stack (no recursion on hostile depths).
        var stack: [(object: Int, edge: Int, depth: Int)] = root == nil ? [] : [(0, 0, 1)]
        var expanded: Set<Int> = [0]
        while var top = stack.popLast() {
            let deps = r.objects[top.object].dependencies
            guard top.edge < deps.count else { continue }
            let dep = deps[top.edge]
            top.edge += 1
            stack.append(top)
            let pad = String(repeating: "    ", count: min(top.depth, indentLimit))
                + (top.depth > indentLimit ? "[depth \(top.depth)] " : "")
            guard let j = dep.object else {
                lines.append(pad + "\(dep.name) => not found")
                continue
            }
            let o = r.objects[j]
            let location = o.path ?? o.name
            if o.via == .interpreter {
                lines.append(pad + "\(dep.name) => \(location) (the interpreter)")
            } else if expanded.contains(j) || o.loadedBy != top.object {
                let inputName = r.file.split(separator: "/").last.map(String.init) ?? r.file
                let loader = o.loadedBy.map { $0 == 0 ? inputName : r.objects[$0].name } ?? inputName
                lines.append(pad + "\(dep.name) => \(location) (already loaded by \(loader))")
            } else {
                expanded.insert(j)
                lines.append(pad + "\(dep.name) => \(location) (\(o.via.rawValue))")
                stack.append((j, 0, top.depth + 1))
            }
        }
        for note in r.notes { lines.append("  note: \(note)") }
        for p in r.problems { lines.append("  problem: \(p.kind.rawValue): \(p.message)") }
        if r.problems.isEmpty { lines.append("  resolved: every library and version found") }
        // Names come from the files: no escape sequence or newline of theirs reaches the terminal.
        return lines.map { SafeText.clean($0, keepLines: false) }.joined(separator: "\n") + "\n"
    }
}
