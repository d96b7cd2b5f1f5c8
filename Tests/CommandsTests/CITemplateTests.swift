import Foundation
import Testing

/// docs/ci/'s templates through scripts/check-ci-templates.py (the services' schemas through
/// check-jsonschema, and the `needs:`, artifact and script checks): the shipped ones pass, and a copy
/// broken in each way the check knows fails, naming the problem.
@Suite(.timeLimit(.minutes(2)), .blocking) struct CITemplateTests {
    static let root = Repository.root.path

    static func check(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let r = try Spawn.run("python3", [root + "/scripts/check-ci-templates.py"] + arguments, timeout: .seconds(60))
        #expect(!r.timedOut, "check-ci-templates.py timed out")
        return (r.status, r.stdout + r.stderr)
    }

    /// A copy of a template with `from` replaced by `to` (which must occur).
    static func mutated(_ template: String, _ from: String, _ to: String, in dir: TempDir) throws -> String {
        let text = try String(contentsOfFile: root + "/docs/ci/" + template, encoding: .utf8)
        #expect(text.contains(from), "\(template) no longer contains '\(from)': update the mutation")
        return try dir.write(template, text.replacingOccurrences(of: from, with: to))
    }

    @Test func theShippedTemplatesPass() throws {
        let r = try Self.check([])
        #expect(r.status == 0, "\(r.output)")
        #expect(r.output.contains("2 templates, 0 problems"), "\(r.output)")
    }

    @Test(arguments: [
        // (template, from, to, what the report must say)
        ("github-actions.yml", "runs-on: ubuntu-latest", "runs_on: ubuntu-latest", "vendor.github-workflows"),
        ("github-actions.yml", "needs: shard", "needs: shards", "needs 'shards', which is no job"),
        ("github-actions.yml", "pattern: shard-*", "pattern: part-*", "downloads 'part-*'"),
        ("github-actions.yml", "test \"$rc\" -le 1", "if [ \"$rc\" -le 1 ]; then", "bash -n"),
        ("gitlab-ci.yml", "job: shard", "job: shards", "needs 'shards', which is no job"),
        ("gitlab-ci.yml", "      - merged/", "      - results/", "artifacts path 'results/'"),
        ("gitlab-ci.yml", "stage: merge", "stage: report", "stage 'report' is not in stages"),
        ("gitlab-ci.yml", "parallel: 4", "parallel: four", "vendor.gitlab-ci"),
        ("gitlab-ci.yml", "stages: [shard, merge]", "stages: [shard, merge", "gitlab-ci.yml"),
    ])
    func aBrokenCopyFails(_ template: String, _ from: String, _ to: String, _ said: String) throws {
        let dir = try TempDir()
        let path = try Self.mutated(template, from, to, in: dir)
        let r = try Self.check([template.hasPrefix("github") ? "--github" : "--gitlab", path])
        #expect(r.status == 1, "\(r.output)")
        #expect(r.output.contains(said), "\(r.output)")
    }
}
