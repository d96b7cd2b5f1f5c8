import Foundation
import Model
import Reporting

extension RunSession {
    /// What `--generate` brings to a run: the spec, its programs and the report's `generator` entry.
    struct Generation {
        var spec: GeneratorSpec
        var programs: [Fixture]
        var info: GeneratorInfo
    }

    /// The wrong-code pass, after every cell ran and before the reports: the cells it changed get their logs
    /// written again. Returns the seeds of generator trouble; nil when the run generated nothing.
    func judgeGenerated(_ records: inout [CellRecord], outDir: String) -> [UInt64]? {
        guard let generation else { return nil }
        var seeds: [String: UInt64] = [:]
        for f in generation.programs { if let g = f.generated { seeds[f.name] = g.seed } }
        let result = WrongCodeVerdicts.apply(to: records, programs: seeds, reference: generation.spec.reference)
        for (old, new) in zip(records, result.records) where old.status != new.status {
            try? ReportWriter.writeLog(new, outDir: outDir)
        }
        records = result.records
        return result.generatorTrouble
    }
}
