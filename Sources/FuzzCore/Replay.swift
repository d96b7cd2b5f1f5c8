#if !FUZZING
#if canImport(Glibc)
import Glibc
#endif

/// Without libFuzzer: replays inputs through a target, as the fuzzer would. Arguments are files, or
/// directories whose regular files are replayed in name order (a corpus). Exit 1 when an argument cannot be
/// read at all; a crash is the reader's bug and ends the replay with a signal.
enum Replay {
    static func run(_ target: FuzzTarget, arguments: [String]) -> Never {
        var unreadable = 0
        var replayed = 0
        for argument in arguments {
            for path in expand(argument) {
                guard let bytes = readAll(path) else {
                    print("\(path): cannot read")
                    unreadable += 1
                    continue
                }
                replayed += 1
                print("\(path): \(target.run(bytes))")
            }
        }
        print("replayed \(replayed) inputs through \(target.name)")
        exit(unreadable == 0 ? 0 : 1)
    }

    /// A directory's regular files in name order, else the path itself.
    static func expand(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [path] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            var st = stat()
            let full = path + "/" + name
            if stat(full, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG { names.append(full) }
        }
        return names.sorted()
    }

    static func readAll(_ path: String) -> [UInt8]? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&chunk, 1, chunk.count, f)
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        return ferror(f) == 0 ? bytes : nil
    }
}
#endif
