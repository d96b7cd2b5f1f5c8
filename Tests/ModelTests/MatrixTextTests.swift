import Foundation
import Testing
@testable import Model

/// A matrix file's bytes, as `load` reads them and the matrix fuzzer feeds them: UTF-8, else an error at the
/// first byte that is not.
@Suite struct MatrixTextTests {
    static let minimal = "[compilers.gcc]\ncc = \"gcc\"\n[targets.x86_64]\n"

    @Test func utf8WithOrWithoutAByteOrderMarkReads() throws {
        let plain = try MatrixDecoder.decode(Data(("name = \"café\"\n" + Self.minimal).utf8), path: "m.toml")
        #expect(plain.name == "café")
        let bom = try MatrixDecoder.decode(Data([0xEF, 0xBB, 0xBF] + Array(("name = \"b\"\n" + Self.minimal).utf8)), path: "m.toml")
        #expect(bom.name == "b")
    }

    @Test func aLatin1ByteIsPlacedByLineAndColumn() {
        // "café" in Latin-1 on line 2: the é (0xE9) is the 12th character.
        let bytes = Array("# matrix\nname = \"caf".utf8) + [0xE9] + Array("\"\n".utf8)
        #expect(throws: MatrixError(path: "m.toml", location: SourceLocation(line: 2, column: 12), message: "not UTF-8 text")) {
            try MatrixDecoder.decode(Data(bytes), path: "m.toml")
        }
    }

    @Test func loadReadsTheFileThroughTheSameCheck() throws {
        let dir = try TempDir()
        let path = dir.path("matrix.toml")
        try Data([0x6E, 0x61, 0x6D, 0x65, 0xFF]).write(to: URL(fileURLWithPath: path))
        #expect(throws: MatrixError(path: path, location: SourceLocation(line: 1, column: 5), message: "not UTF-8 text")) {
            try MatrixDecoder.load(path: path)
        }
        #expect(throws: MatrixError.self) { try MatrixDecoder.load(path: path + ".missing") }
    }
}
