import Foundation
import Testing
@testable import Execution
@testable import Model

/// glibc's own LD_DEBUG=files:libs text, read the way a run step reads it.
@Suite struct LoaderReportTests {
    static let sample = """
             11283:\t
             11283:\tfile=libc.so.6 [0];  needed by ./c [0]
             11283:\tfind library=libc.so.6 [0]; searching
             11283:\t search cache=/etc/ld.so.cache
             11283:\t  trying file=/lib/x86_64-linux-gnu/libc.so.6
             11283:\t
             11283:\tfile=libc.so.6 [0];  generating link map
             11283:\tcalling init: /lib/x86_64-linux-gnu/libc.so.6
             11283:\tfile=libgcc_s.so.1 [0];  dynamically loaded by /lib/x86_64-linux-gnu/libc.so.6 [0]
             11283:\tfind library=libgcc_s.so.1 [0]; searching
             11283:\t  trying file=/stage/lib/libgcc_s.so.1
             11283:\t  trying file=/usr/lib/libgcc_s.so.1
             11283:\tfile=./libtlsdso.so [0];  dynamically loaded by ./c [0]
             11283:\tfile=./libtlsdso.so [0];  generating link map
        """

    @Test func neededDlopenedAndMissingObjects() {
        let entries = LoaderReport.parse(Self.sample)
        #expect(entries == [
            LoaderReport.Entry(name: "libc.so.6", path: "/lib/x86_64-linux-gnu/libc.so.6", via: .needed),
            LoaderReport.Entry(name: "libgcc_s.so.1", path: nil, via: .dlopen),
            LoaderReport.Entry(name: "./libtlsdso.so", path: "./libtlsdso.so", via: .dlopen),
        ])
        let loaded = entries.map { LoadedObject(name: $0.name, path: $0.path, via: $0.via) }
        #expect(LoaderReport.missingNote(loaded) == "the loader did not find libgcc_s.so.1 (dlopen)")
    }

    @Test func aHostPathOutsideTheSysrootIsALeak() {
        let loaded = [
            LoadedObject(name: "libc.so.6", path: "/stage/lib/libc.so.6", via: .needed),
            LoadedObject(name: "libgcc_s.so.1", path: "/lib/x86_64-linux-gnu/libgcc_s.so.1", via: .dlopen),
            LoadedObject(name: "libx.so", path: "/w/cell/libx.so", via: .needed),
        ]
        let leak = HostLeak.find(loaded, sysroot: "/stage", cellDir: "/w/cell")
        #expect(leak == "host leak: libgcc_s.so.1 from /lib/x86_64-linux-gnu/libgcc_s.so.1, outside the sysroot /stage")
        #expect(HostLeak.find(Array(loaded.prefix(1)), sysroot: "/stage", cellDir: "/w/cell") == nil)
        #expect(HostLeak.find(loaded, sysroot: nil, cellDir: "/w/cell") == nil)
    }
}
