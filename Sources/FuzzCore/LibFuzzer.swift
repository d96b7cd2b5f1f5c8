#if FUZZING
#if canImport(Glibc)
import Glibc
#endif

/// The target libFuzzer's callback runs; set once before the driver starts.
nonisolated(unsafe) private var selectedTarget = FuzzTarget.report

/// libFuzzer's entry: every input must give a result or an error, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    _ = selectedTarget.run(bytes)
    return 0
}

/// libFuzzer's driver, in libclang_rt.fuzzer, which `-sanitize=fuzzer` links.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// SwiftPM renames an executable target's entry point to `Fuzz_main` (`FuzzText_main`) and links `main` to it, so libFuzzer's
/// own `main` never takes over: the entry hands the command line, without the target's name, to libFuzzer's
/// driver instead, which then behaves exactly like libFuzzer's `main`.
enum LibFuzzer {
    static func run(_ target: FuzzTarget, arguments: [String]) -> Never {
        selectedTarget = target
        // libFuzzer keeps argv for the whole run: the copies are never freed.
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        var argc = CInt(arguments.count)
        let status = argv.withUnsafeMutableBufferPointer { buffer -> CInt in
            guard var start = buffer.baseAddress else { return 2 }  // never empty: it holds the nil terminator
            return LLVMFuzzerRunDriver(&argc, &start, fuzzOneInput)
        }
        exit(status)
    }
}
#endif
