import Foundation
import Model
import Reporting

/// `run --baseline FILE --update-baseline`: the new report.json replaces the baseline only when it is
/// a whole, complete run that the comparison gate passes. Anything else leaves FILE untouched.
package enum BaselineUpdate {
    /// Why the baseline stays as it is; nil when the new run may replace it.
    static func refusal(old: Report, new: Report, comparison: Comparison) -> (reason: String, status: Int32)? {
        if !new.complete {
            return ("the run is incomplete (complete: false)", 2)
        }
        if comparison.failsGate {
            let n = comparison.regressions.count
            return ("the run has \(n) regression\(n == 1 ? "" : "s") (docs/compare.md)", 1)
        }
        if let shard = new.metadata.shard {
            return ("the run is shard \(shard.index)/\(shard.count), a part of a run; merge the shards (toolgate merge) first", 2)
        }
        // A --filter or a dropped compiler explains missing cells to the gate, but the baseline would lose them.
        let ran = Set(new.cells.map(\.id))
        let dropped = old.cells.map(\.id).filter { !ran.contains($0) }
        if let first = dropped.first {
            return ("the run has no result for \(dropped.count) cell(s) of the baseline (first: \(first)); the baseline would lose them", 2)
        }
        return nil
    }

    /// Writes the new report over `baseline` (temporary file, then rename), or says why not and exits.
    package static func apply(old: Report, new: Report, newPath: String, comparison: Comparison, baseline: String) throws {
        if let refusal = refusal(old: old, new: new, comparison: comparison) {
            throw Diagnostic.error("baseline '\(baseline)' not updated: \(refusal.reason)", status: refusal.status)
        }
        do {
            try AtomicFile.write(Data(contentsOf: URL(fileURLWithPath: newPath)), to: baseline)
        } catch {
            let why = (error as? AtomicFile.WritesStopped).map(String.init(describing:)) ?? error.localizedDescription
            throw Diagnostic.error("baseline '\(baseline)' not updated: \(why)")
        }
        writeErr("toolgate: baseline '\(baseline)' updated from \(newPath)\n")
    }
}
