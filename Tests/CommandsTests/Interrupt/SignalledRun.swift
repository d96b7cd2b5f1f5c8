import Foundation
import Testing

/// A `toolgate` child the test signals. Its environment carries a unique marker, which every step it
/// starts inherits (ProcessRunner passes the environment on), so anything left behind can be found in /proc.
final class SignalledRun {
    static let markerName = "TOOLGATE_TEST_MARKER"

    let marker = UUID().uuidString
    let process = Process()
    private let stderrURL: URL
    private let exited = DispatchSemaphore(value: 0)
    private var hasExited = false

    init(_ arguments: [String], scratch: TempDir) throws {
        stderrURL = URL(fileURLWithPath: scratch.path("toolgate-\(marker).stderr"))
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: try ToolgateBinary.locate())
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env[Self.markerName] = marker
        // The tests' build cache, shared by every signalled run: later runs are interrupted while restoring.
        env["XDG_CACHE_HOME"] = ToolgateBinary.cacheHome
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        process.terminationHandler = { [exited] _ in exited.signal() }
        try process.run()
    }

    /// Polls `condition` every 5 ms; false when `limit` passed first (or toolgate exited first).
    func wait(upTo limit: Duration, until condition: () -> Bool) -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if condition() { return true }
            if !process.isRunning { return condition() }
            usleep(5_000)
        }
        return false
    }

    func send(_ sig: Int32) { kill(process.processIdentifier, sig) }

    /// Waits up to `limit` for the exit; a toolgate still running then is killed (and the answer is nil).
    func waitForExit(upTo limit: Duration) -> Duration? {
        let start = ContinuousClock.now
        let seconds = Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18
        if exited.wait(timeout: .now() + seconds) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            exited.wait()
            process.waitUntilExit()
            return nil
        }
        process.waitUntilExit()
        return ContinuousClock.now - start
    }

    /// "exit 130", or "signal 2" when the process died of a signal.
    var ending: String {
        process.terminationReason == .exit ? "exit \(process.terminationStatus)" : "signal \(process.terminationStatus)"
    }

    var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

    /// The processes whose environment holds this run's marker; polls up to `grace` for them to go
    /// (the kernel and init still have to reap what was killed).
    func processesLeft(grace: Duration = .seconds(2)) -> [String] {
        let needle = Data("\(Self.markerName)=\(marker)".utf8)
        let deadline = ContinuousClock.now + grace
        while true {
            var found: [String] = []
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] where entry.first?.isNumber == true {
                // A zombie's environ reads empty; one we may not read is not ours.
                guard let env = FileManager.default.contents(atPath: "/proc/\(entry)/environ"), env.range(of: needle) != nil else { continue }
                let cmdline = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") ?? Data()
                found.append("\(entry): " + String(decoding: cmdline.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self))
            }
            if found.isEmpty || ContinuousClock.now >= deadline { return found }
            usleep(20_000)
        }
    }
}

/// Files under `dir` that an atomic writer left half-done: AtomicFile's `NAME.tmp-PID-XXXX`.
func temporaryFiles(under dir: String) -> [String] {
    guard let walker = FileManager.default.enumerator(atPath: dir) else { return [] }
    return walker.compactMap { $0 as? String }.filter { ($0 as NSString).lastPathComponent.contains(".tmp-") }
}
