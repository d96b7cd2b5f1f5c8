import Dispatch

/// The entry point of the ELF reader. Every call returns value types; nothing of libelf escapes.
package enum ELFInspector {
    /// Reads one file. Never traps: bad input is an `InspectResult.failure` or facts with `warnings`.
    package static func inspect(path: String) -> InspectResult {
        ELFFileReader.read(path: path)
    }

    /// Reads an in-memory image (the fuzzer's entry). `name` stands in for the path in messages.
    package static func inspect(bytes: [UInt8], name: String) -> InspectResult {
        ELFFileReader.read(bytes: bytes, name: name)
    }

    /// Reads many files on `jobs` threads; results come back in input order.
    package static func inspect(paths: [String], jobs: Int = defaultJobs) -> [InspectResult] {
        let results = ResultSlots(count: paths.count)
        let workers = max(1, min(jobs, paths.count))
        let next = AtomicCounter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.increment()
                if i >= paths.count { break }
                results.set(i, inspect(path: paths[i]))
            }
        }
        return results.values(fallbackPaths: paths)
    }

    package static var defaultJobs: Int { ProcessorCount.online }
}
