import Synchronization

/// Parsed libraries shared by every resolution of a run (every cell needs libc.so.6): keyed by where the
/// file is and what identifies its version on disk, so a library rebuilt in place is read again.
/// Thread-safe; the lock is not held while a file is read (two threads may read one file once each).
package final class LinkFactsCache: Sendable {
    private struct Key: Hashable {
        var hostPath: String
        var size: Int
        var modified: Int
        var inode: UInt64
    }

    private let facts = Mutex<[Key: Result<LinkFacts, InspectError>]>([:])
    private let configurations = Mutex<[String: LoaderConfiguration]>([:])

    package init() {}

    func facts(of file: RootedFileSystem.Found) -> Result<LinkFacts, InspectError> {
        let key = Key(hostPath: file.hostPath, size: file.size, modified: file.modified, inode: file.inode)
        if let known = facts.withLock({ $0[key] }) { return known }
        let read = ELFInspector.linkFacts(path: file.hostPath)
        facts.withLock { $0[key] = read }
        return read
    }

    /// A root's ld.so.conf, read once per root and run (a cell's bound directory never holds the root's
    /// /etc, so it is left out of the key: every cell of a target shares one reading).
    func configuration(for fs: RootedFileSystem) -> LoaderConfiguration {
        let key = fs.root
        if let known = configurations.withLock({ $0[key] }) { return known }
        let read = LoaderConfiguration.read(in: fs)
        configurations.withLock { $0[key] = read }
        return read
    }
}
