import Foundation
import Model
import Reporting
import Synchronization

/// The report as cells come in; saved every 30 s so a killed run leaves what it did.
///
/// An interrupt freezes it before it kills the steps: a step killed then would come back as a bogus
/// failure, so from the freeze on nothing is added and only the interrupt's own save writes.
final class LiveReport: Sendable {
    private struct State {
        var metadata: RunMetadata
        var cells: [CellRecord] = []
        var lastSave = ContinuousClock.now
        var frozen = false
        /// The final save has taken its snapshot: the report is complete even if an interrupt follows.
        var completed = false
    }
    private let state: Mutex<State>
    let path: String

    init(metadata: RunMetadata, path: String) {
        state = Mutex(State(metadata: metadata))
        self.path = path
    }

    func updateMetadata(_ change: (inout RunMetadata) -> Void) {
        state.withLock { s in if !s.frozen { change(&s.metadata) } }
    }

    var isFrozen: Bool { state.withLock { $0.frozen } }

    /// false, and nothing added, once frozen.
    @discardableResult
    func add(_ r: CellRecord) -> Bool {
        let (added, due): (Bool, Bool) = state.withLock { s in
            guard !s.frozen else { return (false, false) }
            s.cells.append(r)
            return (true, ContinuousClock.now - s.lastSave > .seconds(30))
        }
        if due { save(complete: false) }
        return added
    }

    func replace(_ records: [CellRecord]) { state.withLock { s in if !s.frozen { s.cells = records } } }

    func save(complete: Bool) {
        let report: Report? = state.withLock { s in
            guard !s.frozen else { return nil }
            s.lastSave = ContinuousClock.now
            if complete {
                s.metadata.finishedAt = RunMetadataFactory.timestamp()
                s.completed = true
            }
            return Report(complete: complete, metadata: s.metadata, cells: s.cells)
        }
        guard let report else { return }
        write(report, evenAfterStop: false)
    }

    /// Nothing is added or saved from now on but by `saveFrozen`; says how many cells it holds and
    /// whether the run had already finished.
    @discardableResult
    func freeze() -> (cells: Int, complete: Bool) {
        state.withLock { s in
            s.frozen = true
            return (s.cells.count, s.completed)
        }
    }

    /// The interrupt's save: the cells that finished before the freeze, `complete: false` unless the
    /// run had already finished. Called once writes are stopped, so no other save can overwrite it.
    func saveFrozen() {
        let report = state.withLock { s in Report(complete: s.completed, metadata: s.metadata, cells: s.cells) }
        write(report, evenAfterStop: true)
    }

    private func write(_ report: Report, evenAfterStop: Bool) {
        do {
            try ReportWriter.write(report, to: path, evenAfterStop: evenAfterStop)
        } catch is AtomicFile.WritesStopped {
            // An interrupt is under way; its own save follows.
        } catch {
            writeErr("toolgate: error: cannot write '\(path)': \(error.localizedDescription)\n")
        }
    }
}
