import Foundation
import Testing

@testable import ELFInspection

/// sizes: the file size, and the summed sizes of allocated code (executable), data (contents, not
/// executable) and bss (NOBITS) sections, computed independently from `readelf -SW`.
@Suite("sizes", .blocking)
struct SizesTests {
    @Test("sizes match readelf's section table", arguments: [
        Compiler.gcc(.x86_64), .gcc(.i686), .gcc(.aarch64), .clangxx(.x86_64),
    ])
    func matchReadelf(_ compiler: Compiler) throws {
        let dir = try Scratch()
        let source = compiler.language == .c ? Programs.sizable : Programs.throwing
        for (name, flags) in [("dynamic", [String]()), ("static", ["-static"])] {
            let exe = try dir.build(compiler, source, flags: flags, output: name)
            let f = try facts(exe)
            let expected = try expectedSizes(exe)
            #expect(f.sizes == expected, "\(compiler) \(name)")
            #expect(f.sizes.code > 0 && f.sizes.data > 0)
        }
    }

    @Test("a big zero array lands in bss, an initialised one in data")
    func bssAndData() throws {
        let dir = try Scratch()
        let source = """
            static char zeros[1 << 20];
            static char ones[1 << 16] = { 1 };
            int main(int argc, char **argv) { zeros[argc] = ones[argc]; return zeros[argv[0][0] & 7]; }
            """
        let exe = try dir.build(.gcc(), source, output: "arrays")
        let f = try facts(exe)
        #expect(f.sizes.bss >= 1 << 20)
        #expect(f.sizes.data >= 1 << 16)
        #expect(f.sizes.bss < (1 << 20) + 4096)
        #expect(f.sizes == (try expectedSizes(exe)))
    }

    @Test("sizes.file is the file's length, also for an object file")
    func fileSize() throws {
        let dir = try Scratch()
        let obj = try dir.object(.gcc(.aarch64), Programs.sizable, flags: ["-g"], output: "big.o")
        let f = try facts(obj)
        let length = try FileManager.default.attributesOfItem(atPath: obj)[.size] as? NSNumber
        #expect(f.sizes.file == length?.intValue)
        #expect(f.sizes == (try expectedSizes(obj)))
    }
}
