import Foundation

/// Reads the annotations of one fixture from its sources' text.
package enum AnnotationParser {
    package static let keywords = [
        "EXPECT-STDOUT", "EXPECT-EXIT", "EXPECT-SIGNAL", "EXPECT-STDERR-CONTAINS", "REQUIRES", "UNSUPPORTED",
        "CFLAGS", "CXXFLAGS", "LDFLAGS", "LIBS", "ELF-NEEDED", "ELF-NOT-NEEDED", "ELF-INTERP", "ELF-STATIC",
        "SHARED-LIBRARY", "BUILD-WITH",
    ]
    /// Keywords that look like ours but are not: a typo is an error, `TODO:` is just a comment.
    static let ourPrefixes = ["EXPECT", "ELF-", "REQUIRE", "UNSUPPORTED", "SHARED-LIB", "BUILD-WITH", "CFLAG", "CXXFLAG", "LDFLAG"]

    /// Per-source keywords: what one file says about itself.
    package struct SourceFacts: Equatable {
        package var sharedLibrary: FixtureSource.SharedLibrary?
        package var buildWith: String?
    }

    /// `texts` are (file name, contents); `expectationsFrom` limits EXPECT-* to those files (main.*).
    package static func parse(
        _ texts: [(name: String, text: String)], expectationsFrom: Set<String>? = nil
    ) -> (FixtureAnnotations, [String: SourceFacts]) {
        var a = FixtureAnnotations()
        var perSource: [String: SourceFacts] = [:]
        for (name, text) in texts {
            var facts = SourceFacts()
            for (i, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                guard let line = AnnotationLine.parse(rawLine, line: i + 1) else { continue }
                let at = "\(name):\(line.line)"
                if line.keyword.hasPrefix("EXPECT"), let only = expectationsFrom, !only.contains(name) { continue }
                apply(line, at: at, to: &a, source: &facts)
            }
            perSource[name] = facts
        }
        return (a, perSource)
    }

    private static func apply(_ line: AnnotationLine, at: String, to a: inout FixtureAnnotations, source: inout SourceFacts) {
        let v = line.value
        switch line.keyword {
        case "EXPECT-STDOUT":
            if let targets = line.targets {
                for t in targets { a.expectedStdoutByTarget[t, default: []].append(v) }
            } else {
                a.expectedStdout = (a.expectedStdout ?? []) + [v]
            }
        case "EXPECT-EXIT":
            if let n = Int(v.trimmingCharacters(in: .whitespaces)), (0...255).contains(n) { a.expectedExit = n } else {
                a.errors.append("\(at): error: EXPECT-EXIT needs a number from 0 to 255, found '\(v)'")
            }
        case "EXPECT-SIGNAL":
            if let name = SignalNames.normalize(v) { a.expectedSignal = name } else {
                a.errors.append("\(at): error: unknown signal '\(v)' in EXPECT-SIGNAL")
            }
        case "EXPECT-STDERR-CONTAINS":
            a.expectedStderr.append(v)
        case "REQUIRES":
            parseRequires(v, at: at, into: &a)
        case "UNSUPPORTED":
            parseUnsupported(v, at: at, into: &a)
        case "CFLAGS": a.cflags += ShellWords.split(v)
        case "CXXFLAGS": a.cxxflags += ShellWords.split(v)
        case "LDFLAGS": a.ldflags += ShellWords.split(v)
        case "LIBS": a.libs += ShellWords.split(v)
        case "ELF-NEEDED", "ELF-NOT-NEEDED", "ELF-INTERP":
            if let kind = ELFExpectation.Kind(rawValue: line.keyword) {
                a.elf.append(ELFExpectation(kind: kind, value: v.trimmingCharacters(in: .whitespaces), targets: line.targets))
            }
        case "ELF-STATIC":
            let word = v.trimmingCharacters(in: .whitespaces).lowercased()
            if word == "yes" || word == "no" {
                a.elf.append(ELFExpectation(kind: .isStatic, value: word, targets: line.targets))
            } else {
                a.errors.append("\(at): error: ELF-STATIC must be 'yes' or 'no', found '\(v)'")
            }
        case "SHARED-LIBRARY":
            let words = ShellWords.split(v)
            if let name = words.first, words.count <= 2, words.count == 1 || words[1] == "dlopen" {
                source.sharedLibrary = FixtureSource.SharedLibrary(name: name, dlopen: words.count == 2)
            } else {
                a.errors.append("\(at): error: SHARED-LIBRARY needs a name and optionally 'dlopen', found '\(v)'")
            }
        case "BUILD-WITH":
            source.buildWith = v.trimmingCharacters(in: .whitespaces)
        default:
            guard ourPrefixes.contains(where: { line.keyword.hasPrefix($0) }) else { return }
            var message = "\(at): error: unknown annotation '\(line.keyword)'"
            if let near = EditDistance.nearest(to: line.keyword, in: keywords) { message += "; did you mean '\(near)'?" }
            a.errors.append(message)
        }
    }

    private static func parseRequires(_ v: String, at: String, into a: inout FixtureAnnotations) {
        for word in ShellWords.split(v) {
            switch word.lowercased() {
            case "c++", "cxx": a.requirements.append(.cxx)
            case "int128": a.requirements.append(.int128)
            case "threads": a.requirements.append(.threads)
            default:
                if let c = condition(word) {
                    switch c.axis {
                    case .target: a.requirements.append(.targets(c.values))
                    case .link: a.requirements.append(.links(c.values))
                    case .compiler: a.requirements.append(.compilers(c.values))
                    case .opt:
                        a.errors.append("\(at): error: REQUIRES cannot name opt levels; use UNSUPPORTED: opt=...")
                    case nil: a.requirements.append(.axisValues(c.name, c.values))
                    }
                } else if let error = misspelling(word, among: ["c++", "int128", "threads"], at: at, in: "requirement") {
                    a.errors.append(error)
                } else if word.contains("=") || !AxisDecoder.isName(word) {
                    a.errors.append("\(at): error: unknown requirement '\(word)'; expected c++, int128, threads, AXIS=VALUE or a feature name")
                } else {
                    a.requirements.append(.feature(word))
                }
            }
        }
    }

    private static func parseUnsupported(_ v: String, at: String, into a: inout FixtureAnnotations) {
        var conditions: [Condition] = []
        for word in ShellWords.split(v) {
            if let c = condition(word) {
                conditions.append(c)
            } else if !word.contains("="), AxisDecoder.isName(word) {
                conditions.append(Condition(name: "feature", values: [word]))
            } else {
                a.errors.append("\(at): error: unknown condition '\(word)' in UNSUPPORTED; expected target=, link=, compiler=, opt=, AXIS= or a feature name")
                return
            }
        }
        if !conditions.isEmpty { a.unsupported.append(conditions) }
    }

    /// `name=v1,v2` with any axis name: a fixture may name an axis only some matrices declare.
    static func condition(_ word: String) -> Condition? {
        let parts = word.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, AxisDecoder.isName(String(parts[0])) else { return nil }
        let values = parts[1].split(separator: ",").map(String.init)
        guard !values.isEmpty else { return nil }
        return Condition(name: String(parts[0]), values: values)
    }

    private static func misspelling(_ word: String, among words: [String], at: String, in what: String) -> String? {
        guard let near = EditDistance.nearest(to: word, in: words), near != word.lowercased() else { return nil }
        return "\(at): error: unknown \(what) '\(word)'; did you mean '\(near)'?"
    }
}
