/// `_dl_check_map_versions` and the versioned half of symbol lookup: every version an object needs must be
/// defined by the library it names, and every versioned undefined symbol must be exported, at that
/// version, by some loaded object (glibc binds in the global scope, the named library first).
extension ResolutionSession {
    /// At most this many missing symbols are listed per object and library; the rest are counted.
    static let symbolProblemLimit = 10

    mutating func checkVersions() {
        for index in result.objects.indices {
            guard let f = facts[index] else { continue }
            let who = displayName(index)
            for need in f.versionNeeds {
                guard let target = providing(need.library) else { continue }
                let provider = displayName(target)
                guard let definitions = facts[target]?.versionDefinitions else {
                    result.notes.append("\(provider): no version information available (required by \(who))")
                    continue
                }
                guard !definitions.contains(need.version) else { continue }
                let message = "\(need.version) needed by \(who); \(provider) \(Self.describe(definitions, like: need.version))"
                if need.weak {
                    result.notes.append(message + " (a weak version: the loader goes on)")
                } else {
                    result.problems.append(.init(.missingVersion, message, library: provider, neededBy: who))
                }
            }
            checkSymbols(of: index, f, who: who)
        }
    }

    private mutating func checkSymbols(of index: Int, _ f: LinkFacts, who: String) {
        var missing: [String: [VersionedSymbol]] = [:]
        var order: [String] = []
        for wanted in f.versionedImports where !wanted.weak {
            guard let target = providing(wanted.library), let provider = facts[target],
                  provider.versionDefinitions != nil else { continue }
            if provider.versionedExports.contains(wanted.symbol) { continue }
            if facts.contains(where: { $0?.versionedExports.contains(wanted.symbol) ?? false }) { continue }
            if missing[wanted.library] == nil { order.append(wanted.library) }
            missing[wanted.library, default: []].append(wanted)
        }
        for library in order {
            guard let list = missing[library], let target = providing(library) else { continue }
            let provider = displayName(target)
            for wanted in list.prefix(Self.symbolProblemLimit) {
                var message = "\(wanted.symbol) needed by \(who); \(provider) does not export it"
                let others = (facts[target]?.versionedExports ?? []).filter { $0.name == wanted.symbol.name }
                    .map(\.version).sorted()
                if !others.isEmpty { message += " (it has \(wanted.symbol.name)@\(others.joined(separator: ", @")))" }
                result.problems.append(.init(.missingSymbolVersion, message, library: provider, neededBy: who))
            }
            if list.count > Self.symbolProblemLimit {
                result.problems.append(.init(
                    .missingSymbolVersion,
                    "and \(list.count - Self.symbolProblemLimit) more symbols needed by \(who) that \(provider) does not export",
                    library: provider, neededBy: who))
            }
        }
    }

    /// The loaded object a version need or a versioned symbol names, by any of its names.
    private func providing(_ library: String) -> Int? {
        guard let index = names[library], index >= 0 else { return nil }
        return index
    }

    /// "defines up to GLIBC_2.36": the newest definition of the same family as `wanted` (the name up to
    /// its first digit), else the names it has.
    static func describe(_ definitions: [String], like wanted: String) -> String {
        let family = String(wanted.prefix { !$0.isNumber })
        let same = definitions.filter { !family.isEmpty && $0.hasPrefix(family) && $0.dropFirst(family.count).first?.isNumber == true }
        if let newest = same.max(by: { versionLess($0, $1, family: family) }) {
            return "defines up to \(newest)"
        }
        if definitions.isEmpty { return "defines no versions" }
        let shown = definitions.prefix(5).joined(separator: ", ")
        return "defines only \(shown)" + (definitions.count > 5 ? " and \(definitions.count - 5) more" : "")
    }

    static func versionLess(_ a: String, _ b: String, family: String) -> Bool {
        func parts(_ s: String) -> [Int] {
            s.dropFirst(family.count).split(whereSeparator: { !$0.isNumber }).map { Int($0) ?? 0 }
        }
        return parts(a).lexicographicallyPrecedes(parts(b))
    }
}
