import ELFInspection

#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer's entry: every input must give facts or a failure, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = ELFInspector.inspect(bytes: bytes, name: "fuzz-input")
    return 0
}

#if FUZZING
/// libFuzzer's driver, in libclang_rt.fuzzer, which `-sanitize=fuzzer` links.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// With libFuzzer. SwiftPM renames an executable target's entry point to `FuzzELF_main` and links
/// `main` to it, so libFuzzer's own `main` never takes over: this entry hands the command line to
/// libFuzzer's driver instead, which then behaves exactly like libFuzzer's `main`.
@main
struct FuzzDriver {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzz))
    }
}
#else
/// Without libFuzzer: replays inputs through the in-memory reader, as the fuzzer would. Arguments are
/// files, or directories whose regular files are replayed in name order (a corpus). Exit 1 when an
/// argument cannot be read at all; a crash is the reader's bug and ends the replay with a signal.
@main
struct Replay {
    static func main() {
        var unreadable = 0
        var replayed = 0
        for argument in CommandLine.arguments.dropFirst() {
            for path in expand(argument) {
                guard let bytes = readAll(path) else {
                    print("\(path): cannot read")
                    unreadable += 1
                    continue
                }
                replayed += 1
                switch ELFInspector.inspect(bytes: bytes, name: path) {
                case .facts(let facts): print("\(path): read, \(facts.warnings.count) warnings")
                case .failure(_, let error): print("\(path): refused: \(error)")
                }
            }
        }
        print("replayed \(replayed) inputs")
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
