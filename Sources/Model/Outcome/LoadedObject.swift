/// One shared object a run step's program asked glibc's loader for (cell field `loaded`), from the
/// loader's own `LD_DEBUG=files,libs` report.
package struct LoadedObject: Sendable, Codable, Equatable {
    package enum Via: String, Sendable, Codable {
        /// A DT_NEEDED entry of the program or of another object.
        case needed
        /// `dlopen` (glibc's own dlopen of libgcc_s.so.1 for pthread_cancel comes in this way).
        case dlopen
    }

    /// As asked for: "libgcc_s.so.1".
    package var name: String
    /// Where it was mapped from, as a host path (a sysroot run's `/usr/lib/x` is `SYSROOT/usr/lib/x`);
    /// nil when the loader looked and did not find it.
    package var path: String?
    package var via: Via

    package init(name: String, path: String?, via: Via) {
        self.name = name
        self.path = path
        self.via = via
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(path, forKey: .path)
        try c.encode(via, forKey: .via)
    }
}
