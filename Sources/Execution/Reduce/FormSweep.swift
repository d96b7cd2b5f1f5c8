import Foundation

/// The passes `reduce` runs itself on the program after C-Vise, laid out one top-level form a line: each pass
/// numbers its instances (a form to delete, a global to replace, a clang_delta counter) and makes a candidate
/// from one; a candidate is kept only when it is smaller (fewer lines, or as many and fewer bytes) and
/// test.sh accepts it. C-Vise under a time limit stops at a few forms (the globals one big expression reads,
/// that function, main) and its token passes that would shrink them are not reached; these go straight at them.
struct FormSweep {
    /// One pass: how many instances the program has, and the candidate made from instance `k`.
    struct Pass: Sendable {
        var name: String
        var instances: @Sendable (String) async -> Int
        var candidate: @Sendable (String, Int) async -> String?
        /// Where to go on after instance `k` was kept (the same `k` by default: the next one took its number).
        var resume: @Sendable (Int) -> Int = { $0 }
    }

    /// The program's text; every kept candidate replaces it.
    private(set) var text: String
    /// test.sh on a candidate: true when it is interesting. Called with a distinct slot for each parallel test.
    let accepted: @Sendable (String, Int) async -> Bool
    /// Called with every kept program (C-Vise's working copy, so Ctrl-C keeps it).
    let kept: @Sendable (String) -> Void
    let deadline: ContinuousClock.Instant
    /// Candidates tested at once.
    let jobs: Int

    init(text: String, jobs: Int, deadline: ContinuousClock.Instant,
         accepted: @escaping @Sendable (String, Int) async -> Bool, kept: @escaping @Sendable (String) -> Void) {
        self.text = text
        self.jobs = max(1, jobs)
        self.deadline = deadline
        self.accepted = accepted
        self.kept = kept
    }

    private var timeLeft: Bool { deadline - ContinuousClock.now > .seconds(1) }

    /// The passes in turn, again while one of them kept a candidate and time is left; the number kept.
    @discardableResult
    mutating func run(_ passes: [Pass]) async -> Int {
        var total = 0
        while timeLeft {
            var round = 0
            for pass in passes where timeLeft { round += await run(pass) }
            total += round
            if round == 0 { break }
        }
        return total
    }

    /// One pass over the program's instances, `jobs` candidates tested at once; the first kept one of a batch wins.
    mutating func run(_ pass: Pass) async -> Int {
        var k = 0, kept = 0
        while timeLeft {
            let n = await pass.instances(text)
            guard k < n else { break }
            var batch: [(Int, String)] = []
            var next = k
            while batch.count < jobs, next < n {
                if let c = await pass.candidate(text, next).map(Self.tidy), Self.smaller(c, than: text) { batch.append((next, c)) }
                next += 1
            }
            let verdicts = await withTaskGroup(of: (Int, Bool).self) { group in
                for (slot, (_, c)) in batch.enumerated() { group.addTask { [accepted] in (slot, await accepted(c, slot)) } }
                var v = [Bool](repeating: false, count: batch.count)
                for await (slot, ok) in group { v[slot] = ok }
                return v
            }
            if let slot = verdicts.firstIndex(of: true) {
                text = batch[slot].1
                self.kept(text)
                kept += 1
                k = pass.resume(batch[slot].0)
            } else {
                k = next
            }
        }
        return kept
    }

    /// Blank lines dropped, each line's ends trimmed: a clang_delta rewrite can leave an empty line behind.
    static func tidy(_ text: String) -> String {
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return lines.joined(separator: "\n") + "\n"
    }

    static func lineCount(_ text: String) -> Int { text.utf8.reduce(0) { $0 + ($1 == 10 ? 1 : 0) } }

    static func smaller(_ a: String, than b: String) -> Bool {
        let (la, lb) = (lineCount(a), lineCount(b))
        return la < lb || (la == lb && a.utf8.count < b.utf8.count)
    }

    private static func forms(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    // MARK: the passes

    /// Each top-level form but the `#` lines deleted, last first (what C-Vise's `lines 0` does).
    static let deleteForms = Pass(
        name: "delete-forms",
        instances: { text in forms(text).filter { !$0.hasPrefix("#") }.count },
        candidate: { text, k in
            var f = forms(text)
            let deletable = f.indices.filter { !f[$0].hasPrefix("#") }
            f.remove(at: deletable[deletable.count - 1 - k])
            return f.joined(separator: "\n") + "\n"
        })

    /// A file-scope variable `static int32_t g_5 = 1L;` (or an array, a pointer, one of a struct type): its name.
    /// Not a function, a prototype or a type's definition.
    static func globalName(_ form: String) -> String? {
        guard !form.hasPrefix("#"), !form.hasPrefix("typedef"), form.hasSuffix(";") else { return nil }
        let head = form.split(separator: "=", maxSplits: 1).first.map(String.init) ?? form
        guard !head.contains("("), !head.contains("{") else { return nil }
        let pattern = #"([A-Za-z_][A-Za-z0-9_]*)\s*(\[[^\]]*\]\s*)*(=|;|,)"#
        guard let re = try? NSRegularExpression(pattern: pattern),
              let m = re.firstMatch(in: form, range: NSRange(form.startIndex..., in: form)),
              let r = Range(m.range(at: 1), in: form)
        else { return nil }
        let name = String(form[r])
        // The declaration must say more than the name (`x;` alone is not one).
        return form[..<r.lowerBound].trimmingCharacters(in: .whitespaces).isEmpty ? nil : name
    }

    /// Each global's declaration deleted and every use of it (an element of an array: `g_47[1][4][0]`) replaced by
    /// `0`, by `1`, or with its assignments (`g_79 = ...`) dropped first and the reads left replaced by `0`: three
    /// instances a global. What keeps a global in a reduced Csmith program is a read or a store in one big
    /// expression, and a constant there often keeps the difference.
    static let replaceGlobals = Pass(
        name: "replace-globals",
        instances: { text in forms(text).filter { globalName($0) != nil }.count * 3 },
        candidate: { text, k in
            let f = forms(text)
            let globals = f.indices.filter { globalName(f[$0]) != nil }
            let at = globals[k / 3]
            guard let name = globalName(f[at]) else { return nil }
            let use = "\\b" + NSRegularExpression.escapedPattern(for: name) + #"\b(\s*\[[^\[\]]*\])*"#
            guard let uses = try? NSRegularExpression(pattern: use), let stores = try? NSRegularExpression(pattern: use + #"\s*=(?!=)"#)
            else { return nil }
            func replace(_ re: NSRegularExpression, _ s: String, _ with: String) -> String {
                re.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: with)
            }
            var out = f
            out.remove(at: at)
            out = out.map { form in
                switch k % 3 {
                case 0: replace(uses, form, "0")
                case 1: replace(uses, form, "1")
                default: replace(uses, replace(stores, form, ""), "0")
                }
            }
            return out.joined(separator: "\n") + "\n"
        },
        resume: { $0 - $0 % 3 })

    /// A clang_delta transformation (C-Vise's, /usr/lib/cvise/clang_delta), instance by instance.
    static func clangDelta(_ transformation: String, tool: String, scratch: String) -> Pass {
        let input = scratch + "/clang-delta-\(transformation).c"
        @Sendable func write(_ text: String) -> Bool { FileManager.default.createFile(atPath: input, contents: Data(text.utf8)) }
        return Pass(
            name: transformation,
            instances: { text in
                guard write(text), let out = await capture([tool, "--query-instances=\(transformation)", input]) else { return 0 }
                return out.split(separator: ":").last.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
            },
            candidate: { text, k in
                guard write(text) else { return nil }
                return await capture([tool, "--transformation=\(transformation)", "--counter=\(k + 1)", input])
            })
    }

    /// A tool's stdout when it exits 0 within 30 s.
    private static func capture(_ argv: [String]) async -> String? {
        let out = argv[argv.count - 1] + ".out"
        defer { try? FileManager.default.removeItem(atPath: out); try? FileManager.default.removeItem(atPath: out + ".err") }
        let r = await ProcessRunner.run(StepRequest(argv: argv, cwd: (out as NSString).deletingLastPathComponent, timeoutSeconds: 30,
                                                    stdoutPath: out, stderrPath: out + ".err"))
        guard !r.timedOut, r.exitCode == 0 else { return nil }
        return try? String(contentsOfFile: out, encoding: .utf8)
    }
}
