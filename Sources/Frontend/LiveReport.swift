import Foundation
import Model
import Reporting
import Synchronization

/// The report as cells come in. Each finished cell's JSON goes at once to a spool file beside report.json
/// (CellSpool) and only a slim record stays in memory; report.json is assembled from the spool, through a
/// temporary file and a rename, every 30 s (longer when assembling takes long) so a killed run leaves
/// what it did, and at the end in plan order.
///
/// An interrupt freezes it before it kills the steps: a step killed then would come back as a bogus
/// failure, so from the freeze on nothing is added and only the interrupt's own save writes.
final class LiveReport: Sendable {
    private struct Entry {
        var cell: CellRecord
        var span: CellSpan
    }
    private struct State {
        var metadata: RunMetadata
        /// Finish order, until `finish` sorts them into plan order.
        var entries: [Entry] = []
        var spool: CellSpool?
        /// Cells whose JSON could not go to the spool (it could not be created or written): kept here.
        var inline: [String: Data] = [:]
        var lastSave = ContinuousClock.now
        var saveInterval: Duration = .seconds(30)
        var frozen = false
        /// The final save has taken its snapshot: the report is complete even if an interrupt follows.
        var completed = false
        /// The final save is on disk: nothing is left for an interrupt to save.
        var finalWritten = false
        /// Logs written (or being written) for cells not yet added, relative to the report's directory.
        var pendingLogs: Set<String> = []
    }
    private let state: Mutex<State>
    let path: String
    /// Where its warnings and errors go (the run context's stderr).
    private let errors: TextSink

    init(metadata: RunMetadata, path: String, errors: TextSink = RunContext.current.standardError) {
        self.errors = errors
        var s = State(metadata: metadata)
        do {
            s.spool = try CellSpool(beside: path)
        } catch {
            errors.write(Diagnostic.warning("cannot create the cell spool beside '\(path)' (\(error.localizedDescription)); cells are kept in memory"))
        }
        state = Mutex(s)
        self.path = path
    }

    func updateMetadata(_ change: (inout RunMetadata) -> Void) {
        state.withLock { s in if !s.frozen { change(&s.metadata) } }
    }

    var isFrozen: Bool { state.withLock { $0.frozen } }

    /// Asked before a cell's log is written (`log`, relative to the report's directory): false once frozen,
    /// and then no log may be written. A log written and then overtaken by the freeze, before `add`, is one
    /// of a cell the report will not hold: `saveFrozen` removes it, so logs and cells always agree.
    func reserveLog(_ log: String) -> Bool {
        state.withLock { s in
            guard !s.frozen else { return false }
            s.pendingLogs.insert(log)
            return true
        }
    }

    /// false, and nothing added, once frozen.
    @discardableResult
    func add(_ r: CellRecord) -> Bool {
        let json: Data
        do {
            json = try CellSpool.json(r)
        } catch {
            errors.write(Diagnostic.error("cannot encode cell '\(r.id)': \(error)"))
            return false
        }
        let slim = r.slim
        let (added, due): (Bool, Bool) = state.withLock { s in
            guard !s.frozen else { return (false, false) }
            var span = CellSpan(offset: 0, length: json.count)
            if let spool = s.spool, let written = try? spool.append(json) {
                span = written
            } else {
                s.inline[r.id] = json
            }
            s.entries.append(Entry(cell: slim, span: span))
            if let log = r.log { s.pendingLogs.remove(log) }
            return (true, ContinuousClock.now - s.lastSave > s.saveInterval)
        }
        if due { save(complete: false) }
        return added
    }

    /// What a save writes: taken under the lock, written outside it.
    private struct Snapshot {
        var complete: Bool
        var metadata: RunMetadata
        var entries: [Entry]
        var spoolPath: String?
        var inline: [String: Data]
    }

    /// An intermediate save (complete: false), in the order cells finished.
    func save(complete: Bool) {
        let snapshot: Snapshot? = state.withLock { s in
            guard !s.frozen else { return nil }
            s.lastSave = ContinuousClock.now
            if complete {
                s.metadata.finishedAt = RunMetadataFactory.timestamp()
                s.completed = true
            }
            return Snapshot(complete: complete, metadata: s.metadata, entries: s.entries, spoolPath: s.spool?.path, inline: s.inline)
        }
        guard let snapshot else { return }
        let start = ContinuousClock.now
        _ = write(snapshot, evenAfterStop: false)
        // At tens of thousands of cells an assembly takes a while: never spend more than 1/20 of the run on it.
        let took = ContinuousClock.now - start
        state.withLock { s in s.saveInterval = max(.seconds(30), took * 20) }
    }

    /// The final save: the cells in `order` (the plan's), complete: true. Returns the slim records in
    /// that order and a loader of their full records from report.json; nil when frozen or not written.
    func finish(order: [String]) -> (metadata: RunMetadata, cells: [CellRecord], loader: CellLoader)? {
        let snapshot: Snapshot? = state.withLock { s in
            guard !s.frozen else { return nil }
            var rank: [String: Int] = [:]
            for (i, id) in order.enumerated() { rank[id] = i }
            s.entries = s.entries.enumerated().sorted { a, b in
                let ra = rank[a.element.cell.id] ?? Int.max, rb = rank[b.element.cell.id] ?? Int.max
                return ra != rb ? ra < rb : a.offset < b.offset
            }.map(\.element)
            s.metadata.finishedAt = RunMetadataFactory.timestamp()
            s.completed = true
            return Snapshot(complete: true, metadata: s.metadata, entries: s.entries, spoolPath: s.spool?.path, inline: s.inline)
        }
        guard let snapshot, let spans = write(snapshot, evenAfterStop: false) else { return nil }
        state.withLock { s in
            s.finalWritten = true
            // Once frozen the interrupt's save owns the spool (it removes it).
            if !s.frozen {
                s.spool?.remove()
                s.spool = nil
                s.inline = [:]
            }
        }
        var byID: [String: CellSpan] = [:]
        for (e, span) in zip(snapshot.entries, spans) { byID[e.cell.id] = span }
        return (snapshot.metadata, snapshot.entries.map(\.cell), CellLoader(path: path, spans: byID))
    }

    /// A verdict that needs every cell of some fixtures at once (the wrong-code pass over generated
    /// programs): their full records are read back from the spool, `judge` returns them revised, and each
    /// one it changed replaces its spooled JSON and its slim record. Returns the changed full records.
    /// `order` is the plan's: the judge sees the records in it (a tie goes to the first group in plan order).
    func revise(fixtures: Set<String>, order: [String], _ judge: ([CellRecord]) -> [CellRecord]) -> [CellRecord] {
        var rank: [String: Int] = [:]
        for (i, id) in order.enumerated() { rank[id] = i }
        return state.withLock { s in
            guard !s.frozen else { return [] }
            let picked = s.entries.indices.filter { fixtures.contains(s.entries[$0].cell.fixture) }
                .sorted { (rank[s.entries[$0].cell.id] ?? Int.max, $0) < (rank[s.entries[$1].cell.id] ?? Int.max, $1) }
            var full: [CellRecord] = []
            var positions: [Int] = []
            for i in picked {
                let e = s.entries[i]
                let data = s.inline[e.cell.id] ?? (try? s.spool?.read(e.span)) ?? nil
                guard let data, let record = try? JSONDecoder().decode(CellRecord.self, from: data) else { continue }
                full.append(record)
                positions.append(i)
            }
            let revised = judge(full)
            guard revised.count == full.count else { return [] }
            var changed: [CellRecord] = []
            for ((i, old), new) in zip(zip(positions, full), revised) where old != new {
                guard let json = try? CellSpool.json(new) else { continue }
                s.inline[new.id] = json
                s.entries[i].cell = new.slim
                changed.append(new)
            }
            return changed
        }
    }

    /// Nothing is added or saved from now on but by `saveFrozen`; says how many cells it holds and
    /// whether the run had already finished.
    @discardableResult
    func freeze() -> (cells: Int, complete: Bool) {
        state.withLock { s in
            s.frozen = true
            return (s.entries.count, s.completed)
        }
    }

    /// The interrupt's save: the cells that finished before the freeze, `complete: false` unless the
    /// run had already finished. Called once writes are stopped, so no other save can overwrite it.
    /// The spool goes with it: an interrupted run leaves no temporary file. So do the logs of cells the
    /// freeze overtook between their log and `add`: every log left is a reported cell's.
    func saveFrozen() {
        let (snapshot, spool, orphans): (Snapshot?, CellSpool?, Set<String>) = state.withLock { s in
            let spool = s.spool
            s.spool = nil
            let orphans = s.pendingLogs
            s.pendingLogs = []
            if s.finalWritten { return (nil, spool, orphans) }
            return (Snapshot(complete: s.completed, metadata: s.metadata, entries: s.entries, spoolPath: spool?.path, inline: s.inline), spool, orphans)
        }
        if let snapshot { _ = write(snapshot, evenAfterStop: true) }
        spool?.remove()
        let dir = (path as NSString).deletingLastPathComponent
        for log in orphans { unlink(dir + "/" + log) }
    }

    /// A second signal's exit: no save, but no spool left behind either.
    func removeSpool() {
        state.withLock { s in
            s.spool?.remove()
            s.spool = nil
        }
    }

    /// Assembles report.json from the spool; where each cell landed, or nil when not written.
    private func write(_ snapshot: Snapshot, evenAfterStop: Bool) -> [CellSpan]? {
        do {
            let reader = try snapshot.spoolPath.map { try FileHandle(forReadingFrom: URL(fileURLWithPath: $0)) }
            defer { try? reader?.close() }
            var spans: [CellSpan] = []
            try FileSink.write(to: path, evenAfterStop: evenAfterStop) { sink in
                spans = try ReportJSONLayout.write(
                    complete: snapshot.complete, metadata: snapshot.metadata,
                    summary: ReportJSONLayout.summary(snapshot.entries.lazy.map(\.cell.status)),
                    count: snapshot.entries.count, to: sink
                ) { i in
                    let e = snapshot.entries[i]
                    if let data = snapshot.inline[e.cell.id] { return data }
                    guard let reader else { throw CocoaError(.fileReadNoSuchFile) }
                    try reader.seek(toOffset: e.span.offset)
                    let data = try reader.read(upToCount: e.span.length) ?? Data()
                    guard data.count == e.span.length else { throw CocoaError(.fileReadCorruptFile) }
                    return data
                }
            }
            return spans
        } catch is AtomicFile.WritesStopped {
            // An interrupt is under way; its own save follows.
        } catch {
            errors.write(Diagnostic.error("cannot write '\(path)': \(error.localizedDescription)"))
        }
        return nil
    }
}
