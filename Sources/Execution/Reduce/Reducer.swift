import Foundation
import Model

/// Runs C-Vise on a wrong-code cell's program (docs/random-programs.md, "Reducing"). DIR holds:
/// `original.c`, `test.sh` (the interestingness test), `cvise/reduced.c` (C-Vise's working copy, smaller as it
/// goes), then `reduced.c`, `commands.txt`, `wrong.out`, `agreeing.out`, `repro.sh` and `cvise.log`.
package struct Reducer: Sendable {
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    package struct Outcome: Sendable {
        package var linesBefore: Int
        package var linesAfter: Int
        package var bytesBefore: Int
        package var bytesAfter: Int
        package var seconds: Int
        /// C-Vise ran into the time limit; reduced.c is the smallest program it had by then.
        package var hitTimeLimit: Bool
        /// C-Vise's exit status.
        package var exitCode: Int?
        /// repro.sh on reduced.c: 0 when the difference shows.
        package var reproStatus: Int?
        package var wrongOutput: String
        package var agreeingOutput: String
        /// reduced.c was laid out one top-level form a line (`flatten()`) and test.sh accepted it so.
        package var flattened = false
    }

    package var plan: ReductionPlan
    package var dir: String
    package var timeLimitSeconds: Int
    /// C-Vise's `--n`.
    package var jobs = 2
    package var executable = "cvise"

    package init(plan: ReductionPlan, dir: String, timeLimitSeconds: Int) {
        self.plan = plan
        self.dir = dir
        self.timeLimitSeconds = timeLimitSeconds
    }

    package var workingCopy: String { dir + "/cvise/reduced.c" }
    package var reduced: String { dir + "/reduced.c" }

    /// Writes the scripts and the working copy, then checks that the original program is interesting.
    package func prepare() async throws(Failure) {
        let fm = FileManager.default
        guard let original = fm.contents(atPath: plan.source) else {
            throw Failure(description: "cannot read the cell's program '\(plan.source)' (was the run's OUT/generated removed?)")
        }
        do {
            try? fm.removeItem(atPath: dir + "/cvise")
            try fm.createDirectory(atPath: dir + "/cvise", withIntermediateDirectories: true)
            try original.write(to: URL(fileURLWithPath: dir + "/original.c"))
            try original.write(to: URL(fileURLWithPath: workingCopy))
            try write(InterestingnessScript.test(plan), "test.sh", executable: true)
            try write(InterestingnessScript.repro(plan), "repro.sh", executable: true)
            try write(InterestingnessScript.commands(plan), "commands.txt")
        } catch {
            throw Failure(description: "\(dir): error: cannot write the reduction's files: \(error.localizedDescription)")
        }
        var why = ""
        let check = await shell(["bash", dir + "/test.sh"], cwd: dir + "/cvise", timeout: 600, name: "check", stderr: &why)
        guard check == 0 else {
            throw Failure(description: "the original program is not interesting to \(dir)/test.sh (exit \(check.map(String.init) ?? "killed")): "
                + (why.split(separator: "\n").last.map(String.init) ?? "no reason given")
                + "; run 'cd \(dir)/cvise && bash -x ../test.sh' to see every step")
        }
    }

    /// C-Vise under the time limit, then the results beside reduced.c.
    package func reduce() async throws(Failure) -> Outcome {
        let start = ContinuousClock.now
        let before = (try? String(contentsOfFile: dir + "/original.c", encoding: .utf8)) ?? ""
        var argv = [executable, "--n", String(jobs), "--timeout", String(plan.runTimeout * 6 + 120), "--tidy",
                    // prepare() has just run the same check on the same program.
                    "--skip-interestingness-test-check"]
        if CVisePassGroup.write(to: dir + "/pass-group.json", cvise: executable) { argv += ["--pass-group-file", dir + "/pass-group.json"] }
        argv += [dir + "/test.sh", "reduced.c"]
        // The last fifth of the limit (at most a minute) is kept for the sweep over top-level forms (flatten()).
        let deadline = ContinuousClock.now + .seconds(timeLimitSeconds)
        let request = StepRequest(argv: argv, cwd: dir + "/cvise", timeoutSeconds: timeLimitSeconds - min(60, timeLimitSeconds / 5),
                                  stdoutPath: dir + "/cvise.log", stderrPath: dir + "/cvise.err")
        let result = await ProcessRunner.run(request)
        if let launch = result.launchError { throw Failure(description: "cannot run C-Vise: \(launch)\(DebianPackages.hint(for: executable))") }
        keepSmallest()
        let flattened = await flatten(until: deadline)
        if !result.timedOut, result.exitCode != 0 {
            let err = (try? String(contentsOfFile: dir + "/cvise.err", encoding: .utf8)) ?? ""
            let last = err.split(separator: "\n").last.map(String.init) ?? "no message"
            throw Failure(description: "C-Vise exited \(result.exitCode.map(String.init) ?? result.signal ?? "?"): \(last) (see \(dir)/cvise.err)")
        }
        let after = (try? String(contentsOfFile: reduced, encoding: .utf8)) ?? ""
        let repro = await shell(["bash", dir + "/repro.sh", reduced], cwd: dir, timeout: 300, name: "repro")
        let wrong = (try? String(contentsOfFile: dir + "/wrong.out", encoding: .utf8)) ?? ""
        let agreeing = (try? String(contentsOfFile: dir + "/agreeing.out", encoding: .utf8)) ?? ""
        return Outcome(
            linesBefore: lines(before), linesAfter: lines(after), bytesBefore: before.utf8.count, bytesAfter: after.utf8.count,
            seconds: Int((ContinuousClock.now - start) / .seconds(1)), hitTimeLimit: result.timedOut, exitCode: result.exitCode,
            reproStatus: repro, wrongOutput: wrong, agreeingOutput: agreeing, flattened: flattened)
    }

    /// C-Vise's own last passes (`lines 0`, then `indent final`, which runs clang-format) are seldom reached
    /// under a time limit, so the program it stops with is laid out by whichever `lines N` pass ran last: a
    /// statement, even a `for` header's part, on a line of its own. This lays it out as `lines 0` does, with
    /// C-Vise's own topformflat: each top-level form (a declaration, a whole function) on one line, blank
    /// lines dropped. Nothing but white space changes, and the result is kept only when test.sh still accepts
    /// it (it still differs, and the UB guards pass); true when it was kept (or C-Vise left it so). Then, until
    /// `deadline`, FormSweep's passes: each top-level form but the `#` lines deleted in turn, last first (C-Vise's
    /// `lines 0` does the same, but only while its pass order reaches it); each global replaced by a constant;
    /// clang_delta's `copy-propagation`, `callexpr-to-value` and `remove-unused-var`, again
    /// while one of them keeps a candidate. Each kept program goes into C-Vise's working copy, so Ctrl-C keeps it.
    package func flatten(until deadline: ContinuousClock.Instant) async -> Bool {
        guard let tool = CVisePassGroup.tool("topformflat", cvise: executable),
              let text = try? String(contentsOfFile: reduced, encoding: .utf8) else { return false }
        let scratch = self.scratch
        defer { removeScratch() }
        removeScratch()
        guard (try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)) != nil,
              FileManager.default.createFile(atPath: scratch + "/before.c", contents: Data(text.utf8)),
              await shell(["bash", "-c", "\"$0\" 0 < before.c > flat.c", tool], cwd: scratch, timeout: 60, name: "flatten") == 0,
              let flat = try? String(contentsOfFile: scratch + "/flat.c", encoding: .utf8)
        else { return false }
        let candidate = FormSweep.tidy(flat)
        let me = self
        let accepted: @Sendable (String, Int) async -> Bool = { program, slot in
            let left = deadline - ContinuousClock.now
            let file = "candidate-\(slot).c"
            guard left > .seconds(1), FileManager.default.createFile(atPath: scratch + "/" + file, contents: Data(program.utf8)) else { return false }
            return await me.shell(["bash", me.dir + "/test.sh", file], cwd: scratch, timeout: Int(left / .seconds(1)), name: "flatten-check-\(slot)") == 0
        }
        if candidate != text {
            guard await accepted(candidate, 0) else { return false }
        }
        let working = workingCopy
        let keep: @Sendable (String) -> Void = { program in
            let temp = working + ".partial"
            if FileManager.default.createFile(atPath: temp, contents: Data(program.utf8)) { _ = rename(temp, working) }
        }
        keep(candidate)
        var sweep = FormSweep(text: candidate, jobs: jobs, deadline: deadline, accepted: accepted, kept: keep)
        var passes = [FormSweep.deleteForms, FormSweep.replaceGlobals]
        if let delta = CVisePassGroup.tool("clang_delta", cvise: executable) {
            passes += ["copy-propagation", "callexpr-to-value", "remove-unused-var"].map {
                FormSweep.clangDelta($0, tool: delta, scratch: scratch)
            }
        }
        await sweep.run(passes)
        return (try? sweep.text.write(toFile: reduced, atomically: true, encoding: .utf8)) != nil
    }

    /// Where flatten() tests its candidates; removed after it, and on Ctrl-C.
    package var scratch: String { dir + "/flatten" }

    package func removeScratch() { try? FileManager.default.removeItem(atPath: scratch) }

    /// Copies C-Vise's working copy, the smallest interesting program so far, to reduced.c (also on Ctrl-C:
    /// C-Vise writes each improvement into the file as it goes).
    package func keepSmallest() {
        guard let data = FileManager.default.contents(atPath: workingCopy), !data.isEmpty else { return }
        let temp = reduced + ".partial"
        if FileManager.default.createFile(atPath: temp, contents: data) { _ = rename(temp, reduced) }
    }

    private func lines(_ text: String) -> Int { text.split(separator: "\n", omittingEmptySubsequences: false).count - (text.hasSuffix("\n") ? 1 : 0) }

    private func write(_ text: String, _ name: String, executable: Bool = false) throws {
        try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir + "/" + name) }
    }

    private func shell(_ argv: [String], cwd: String, timeout: Int, name: String) async -> Int? {
        var ignored = ""
        return await shell(argv, cwd: cwd, timeout: timeout, name: name, stderr: &ignored)
    }

    private func shell(_ argv: [String], cwd: String, timeout: Int, name: String, stderr: inout String) async -> Int? {
        let base = "\(dir)/.\(name)"
        defer { for s in [".stdout", ".stderr"] { try? FileManager.default.removeItem(atPath: base + s) } }
        let r = await ProcessRunner.run(StepRequest(argv: argv, cwd: cwd, timeoutSeconds: timeout, stdoutPath: base + ".stdout", stderrPath: base + ".stderr"))
        stderr = (try? String(contentsOfFile: base + ".stderr", encoding: .utf8)) ?? ""
        return r.timedOut ? nil : r.exitCode
    }
}
