import Foundation
import Model
import Reporting

extension RunSession {
    /// What `--generate` brings to a run: the spec, its programs and the report's `generator` entry.
    package struct Generation {
        package var spec: GeneratorSpec
        package var programs: [Fixture]
        package var info: GeneratorInfo

        package init(spec: GeneratorSpec, programs: [Fixture], info: GeneratorInfo) {
            (self.spec, self.programs, self.info) = (spec, programs, info)
        }
    }

    /// The wrong-code pass, after every cell ran and before the final report: the generated programs' full
    /// records come back from the spool, and the cells it changed get their records and logs written again.
    /// Returns the seeds of generator trouble; nil when the run generated nothing.
    func judgeGenerated(_ live: LiveReport, order: [String], outDir: String) -> [UInt64]? {
        guard let generation else { return nil }
        var seeds: [String: UInt64] = [:]
        for f in generation.programs { if let g = f.generated { seeds[f.name] = g.seed } }
        var trouble: [UInt64] = []
        let changed = live.revise(fixtures: Set(seeds.keys), order: order) { records in
            let result = WrongCodeVerdicts.apply(to: records, programs: seeds, reference: generation.spec.reference)
            trouble = result.generatorTrouble
            return result.records
        }
        for record in changed { try? ReportWriter.writeLog(record, outDir: outDir) }
        return trouble
    }
}
