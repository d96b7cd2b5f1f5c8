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

    /// What the dynamic loader needs of one file (`toolgate resolve`): never traps, like `inspect`.
    package static func linkFacts(path: String) -> Result<LinkFacts, InspectError> {
        ELFFileReader.readLinkage(path: path)
    }

    /// `linkFacts` of an in-memory image (the fuzzer's entry).
    package static func linkFacts(bytes: [UInt8], name: String) -> Result<LinkFacts, InspectError> {
        ELFFileReader.readLinkage(bytes: bytes, name: name)
    }

    /// Reads many files on `jobs` threads; results come back in input order.
    package static func inspect(paths: [String], jobs: Int = defaultJobs) -> [InspectResult] {
        inspect(paths: paths, jobs: jobs) { $0 }
    }

    /// Reads many files on `jobs` threads and maps each result on the thread that read it (so rendering
    /// runs in parallel too); the mapped values come back in input order.
    package static func inspect<T: Sendable>(paths: [String], jobs: Int = defaultJobs,
                                             _ transform: @Sendable (InspectResult) -> T) -> [T] {
        let slots = OrderedSlots<T>(count: paths.count)
        let workers = max(1, min(jobs, paths.count))
        let next = AtomicCounter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.increment()
                if i >= paths.count { break }
                slots.set(i, transform(inspect(path: paths[i])))
            }
        }
        return slots.values { i in transform(inspect(path: paths[i])) }
    }

    package static var defaultJobs: Int { ProcessorCount.online }
}
