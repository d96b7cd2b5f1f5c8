import Foundation
import Model

/// Runs a plan: `2 × jobs` build units in flight, so that while one unit compiles another has links and
/// runs ready; the executor's permits keep the processes at `jobs`. Records come back
/// through `onRecord` as cells finish, and all together, in plan order, at the end.
package struct MatrixRunner: Sendable {
    package var executor: UnitExecutor
    package var jobs: Int

    package init(executor: UnitExecutor, jobs: Int) {
        self.executor = executor
        self.jobs = max(1, jobs)
    }

    /// Every record, in plan order (held in memory: for tests and small plans; a run uses `stream`).
    package func run(_ plan: Plan, onRecord: @escaping @Sendable (CellRecord) -> Void) async -> [CellRecord] {
        var byID: [String: CellRecord] = [:]
        await stream(plan) { r in
            byID[r.id] = r
            onRecord(r)
        }
        return plan.cells.compactMap { byID[$0.id] }
    }

    /// Each record handed to `onRecord` as its unit finishes, and kept nowhere: memory stays bounded by
    /// the units in flight, whatever the plan's size.
    /// `afterUnit` follows a unit's records: every cell of the unit is judged (`run --keep-work` prunes then).
    package func stream(
        _ plan: Plan, onRecord: (CellRecord) -> Void, afterUnit: (BuildUnit, [CellRecord]) -> Void = { _, _ in }
    ) async {
        let units = plan.units
        await withTaskGroup(of: (BuildUnit, [CellRecord]).self) { group in
            var next = 0
            func startNext() {
                guard next < units.count else { return }
                let unit = units[next]
                next += 1
                group.addTask { (unit, await executor.run(unit)) }
            }
            for _ in 0..<min(2 * jobs, units.count) { startNext() }
            while let (unit, records) = await group.next() {
                for r in records { onRecord(r) }
                afterUnit(unit, records)
                startNext()
            }
        }
    }
}
