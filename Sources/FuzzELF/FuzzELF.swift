import ELFInspection

#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer's entry: every input must give facts or a failure, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = ELFInspector.inspect(bytes: bytes, name: "fuzz-input")
    return 0
}

#if !FUZZING
/// Without libFuzzer: replays the files given as arguments through the in-memory reader.
@main
struct Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let f = fopen(path, "rb") else { continue }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = fread(&chunk, 1, chunk.count, f)
                if n <= 0 { break }
                bytes += chunk[0..<n]
            }
            fclose(f)
            switch ELFInspector.inspect(bytes: bytes, name: path) {
            case .facts(let facts): print("\(path): read, \(facts.warnings.count) warnings")
            case .failure(_, let error): print("\(path): refused: \(error)")
            }
        }
    }
}
#endif
