import Model

/// `compare --format json` and OUT/comparison.json (docs/compare.md documents the fields).
package enum ComparisonJSON {
    package static func render(_ c: Comparison) -> String {
        var j = JSONText()
        j.beginObject()
        j.key("summary")
        j.beginObject()
        for (key, count) in c.summary { j.key(key); j.int(count) }
        j.endObject()
        j.key("runs")
        j.beginObject()
        j.key("baseline")
        if let old = c.old { run(&j, old) } else { j.null() }
        j.key("new")
        run(&j, c.new)
        j.endObject()
        j.key("warnings")
        j.strings(c.warnings)
        j.key("regressions")
        changes(&j, c.regressions)
        j.key("regressions_folded")
        groups(&j, c.foldedRegressions)
        for cls in [CellClass.fixed, .stillFailing, .flaky, .new, .missing, .expected] {
            j.key(cls.rawValue)
            j.beginArray()
            for cell in c.cells(cls) { self.cell(&j, cell) }
            j.endArray()
        }
        j.key("information")
        changes(&j, c.information)
        j.key("information_folded")
        groups(&j, c.foldedInformation)
        j.key("divergences")
        j.beginArray()
        for d in c.divergences {
            j.beginObject()
            j.key("fixture"); j.string(d.fixture)
            j.key("scope"); j.string(d.scope)
            j.key("groups")
            j.beginArray()
            for (i, g) in d.groups.enumerated() {
                j.beginObject()
                j.key("cells"); j.strings(g.cells)
                j.key("stdout"); j.string(g.stdout)
                j.key("evidence"); j.string(i == 0 ? "reference" : d.evidence(for: i))
                if let axis = g.differsOnlyIn { j.key("differs_only_in"); j.string(axis) }
                j.endObject()
            }
            j.endArray()
            j.endObject()
        }
        j.endArray()
        j.endObject()
        return j.text + "\n"
    }

    private static func run(_ j: inout JSONText, _ m: RunMetadata) {
        j.beginObject()
        j.key("matrix"); j.string(m.matrix.name)
        j.key("matrix_sha256"); j.string(m.matrix.sha256)
        j.key("started_at"); j.string(m.startedAt)
        j.key("host"); j.string(ComparisonHeader.host(m))
        j.key("filter"); j.string(m.filter)
        j.key("toolchains"); j.strings(ComparisonHeader.toolchains(m))
        j.endObject()
    }

    private static func changes(_ j: inout JSONText, _ list: [Change]) {
        j.beginArray()
        for ch in list {
            j.beginObject()
            j.key("cell"); j.string(ch.cell)
            j.key("kind"); j.string(ch.kind.rawValue)
            j.key("field"); j.string(ch.field)
            j.key("before"); j.string(ch.before)
            j.key("after"); j.string(ch.after)
            j.key("evidence"); j.string(ch.evidence)
            j.endObject()
        }
        j.endArray()
    }

    /// The same changes folded: one object per change with its count and every cell it was seen in.
    private static func groups(_ j: inout JSONText, _ list: [ChangeGroup]) {
        j.beginArray()
        for g in list {
            j.beginObject()
            j.key("kind"); j.string(g.kind.rawValue)
            j.key("field"); j.string(g.field)
            j.key("before"); j.string(g.before)
            j.key("after"); j.string(g.after)
            j.key("evidence"); j.string(g.evidence)
            j.key("count"); j.int(g.count)
            j.key("cells"); j.strings(g.cells)
            j.endObject()
        }
        j.endArray()
    }

    private static func cell(_ j: inout JSONText, _ c: CellComparison) {
        j.beginObject()
        j.key("cell"); j.string(c.id)
        j.key("before"); j.string(c.oldStatus?.rawValue)
        j.key("after"); j.string(c.newStatus?.rawValue)
        if let reason = c.missingReason { j.key("reason"); j.string(reason) }
        if let k = c.knownFailure {
            j.key("known_failure")
            j.beginObject()
            j.key("pattern"); j.string(k.pattern)
            j.key("reason"); j.string(k.reason)
            j.key("expires"); j.string(k.expires)
            j.key("location"); j.string(k.location)
            j.endObject()
        }
        j.endObject()
    }
}
