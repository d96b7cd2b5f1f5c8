import Model

/// The grid of index.html: fixtures down, configurations across, one coloured link per cell; fixtures with
/// a regression first, then those with a failure, then the rest in the run's order.
struct HTMLGrid {
    private let ctx: ReportContext
    private var anchors: [String: String] = [:]
    private var fixtures: [String] = []
    private var configurations: [String] = []
    private var byKey: [String: CellRecord] = [:]

    init(_ ctx: ReportContext) {
        self.ctx = ctx
        var seenFixture = Set<String>(), seenConfig = Set<String>()
        for (i, c) in ctx.report.cells.enumerated() {
            anchors[c.id] = "c\(i)"
            byKey[c.id] = c
            if seenFixture.insert(c.fixture).inserted { fixtures.append(c.fixture) }
            if seenConfig.insert(c.configuration).inserted { configurations.append(c.configuration) }
        }
        for (i, m) in ctx.missingRegressions.enumerated() {
            anchors[m.id] = "m\(i)"
            let (fixture, config) = ReportContext.split(m.id)
            if seenFixture.insert(fixture).inserted { fixtures.append(fixture) }
            if seenConfig.insert(config).inserted { configurations.append(config) }
        }
        let rank = Dictionary(grouping: Array(anchors.keys)) { ReportContext.split($0).fixture }.mapValues { ids in
            ids.contains { !ctx.regressions(of: $0).isEmpty } ? 0 : ids.contains { byKey[$0]?.status.isFailure ?? false } ? 1 : 2
        }
        fixtures = fixtures.enumerated().sorted { a, b in
            let ra = rank[a.element] ?? 2, rb = rank[b.element] ?? 2
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
    }

    func anchor(_ id: String) -> String { anchors[id] ?? "" }

    /// Fixtures in the grid's order, and configurations in the run's.
    var fixtureOrder: [String] { fixtures }
    var configurationOrder: [String] { configurations }
    func record(_ id: String) -> CellRecord? { byKey[id] }

    /// Regressed cells first, then failing ones, then the rest, each in the run's order.
    var detailOrder: [CellRecord] {
        let cells = ctx.report.cells
        func rank(_ c: CellRecord) -> Int { !ctx.regressions(of: c.id).isEmpty ? 0 : c.status.isFailure ? 1 : 2 }
        return cells.enumerated().sorted { a, b in
            rank(a.element) != rank(b.element) ? rank(a.element) < rank(b.element) : a.offset < b.offset
        }.map(\.element)
    }

    /// `rows`: only these fixtures (a large run draws the fixtures with a non-passing cell);
    /// `linked`: whether a cell's details are on the page (otherwise it links to its log).
    func render(rows: Set<String>? = nil, linked: (String) -> Bool = { _ in true }) -> String {
        let e = HTMLText.escape
        var h = "<h2>Grid</h2>\n<p class=\"legend\">"
        for s in CellStatus.allCases { h += "<span class=\"s-\(s.rawValue)\">\(e(String(s.symbol))) \(s.rawValue)</span>" }
        if ctx.comparison?.old != nil {
            h += "<span class=\"s-missing\">? missing</span><span class=\"s-expected\">x expected</span>"
            h += "<span class=\"s-pass reg\">regression</span>"
        }
        h += "</p>\n<table class=\"grid\">\n" + header()
        for f in fixtures where rows?.contains(f) ?? true {
            h += "<tr><th class=\"fx\">\(e(f))</th>"
            for c in configurations { h += cell("\(f)/\(c)", linked: linked) }
            h += "</tr>\n"
        }
        return h + "</table>\n"
    }

    /// One header row naming each configuration; with declared axes (ids past `link/opt`), one row per
    /// axis instead, each value spanning the columns of its group (the terminal grid's habit).
    private func header() -> String {
        let e = HTMLText.escape
        let parts = configurations.map { $0.split(separator: "/", omittingEmptySubsequences: false).map(String.init) }
        let depth = parts.map(\.count).min() ?? 0
        guard depth > 4 else {
            var h = "<tr><th class=\"fx\" style=\"vertical-align:bottom\">fixture \\ configuration</th>"
            for c in configurations { h += "<th class=\"cfg\">\(e(c))</th>" }
            return h + "</tr>\n"
        }
        let names = ctx.report.metadata.axes?.configurationAxisNames ?? PlanAxes.builtInConfigurationAxes
        var h = ""
        for level in 0..<depth {
            let name = level < names.count ? names[level] : "axis \(level + 1)"
            h += "<tr><th class=\"fx\" style=\"text-align:right\">\(e(name))</th>"
            var i = 0
            while i < parts.count {
                var j = i + 1
                while j < parts.count, parts[j].prefix(level + 1) == parts[i].prefix(level + 1) { j += 1 }
                h += "<th class=\"cfg\"\(j - i > 1 ? " colspan=\"\(j - i)\"" : "")>\(e(parts[i][level]))</th>"
                i = j
            }
            h += "</tr>\n"
        }
        return h
    }

    private func cell(_ id: String, linked: (String) -> Bool) -> String {
        let e = HTMLText.escape
        guard let anchor = anchors[id] else { return "<td class=\"none\"></td>" }
        let a = linked(id) ? anchor : ""
        let reg = ctx.regressions(of: id)
        let regClass = reg.isEmpty ? "" : " reg"
        let title = reg.isEmpty ? "" : "\nregression: " + reg.map(ReportContext.describe).joined(separator: "\n")
        guard let record = byKey[id] else {
            return "<td class=\"s-missing\(regClass)\"><a href=\"#\(a)\" title=\"\(e(id)): missing\(title)\">?</a></td>"
        }
        let expected = ctx.comparison(of: id)?.cellClass == .expected
        let cls = expected ? "s-expected" : "s-\(record.status.rawValue)"
        let symbol = expected ? "x" : String(record.status.symbol)
        let tip = "\(id): \(record.status.rawValue)" + (record.reason.map { " — \($0)" } ?? "") + title
        return "<td class=\"\(cls)\(regClass)\"><a href=\"\(a.isEmpty ? e(record.log ?? ReportWriter.logPath(for: id)) : "#" + a)\" title=\"\(e(SafeText.line(tip, limit: 600)))\">\(e(symbol))</a></td>"
    }
}
