import Foundation
import Model
import Testing

/// FileContents reads what Foundation's readers read (the same bytes, nil where they give nil), through
/// a FileHandle for the files stat calls empty, where Foundation leaks a buffer per read.
@Suite struct FileContentsTests {
    @Test func anEmptyFileIsEmptyDataNotNil() throws {
        let dir = try TempDir()
        let path = try dir.write("empty", "")
        #expect(FileContents.data(atPath: path) == Data())
        #expect(FileContents.utf8(atPath: path) == "")
        #expect(FileContents.data(atPath: path) == FileManager.default.contents(atPath: path))
    }

    @Test func aFileWithBytesReadsTheSameBytesAsFoundation() throws {
        let dir = try TempDir()
        let bytes: [UInt8] = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let path = try dir.write("binary", bytes: bytes)
        #expect(FileContents.data(atPath: path).map([UInt8].init) == bytes)
        #expect(FileContents.data(atPath: path) == FileManager.default.contents(atPath: path))
    }

    @Test func aProcFileThatStatCallsEmptyIsReadWhole() throws {
        // /proc/self/status has size 0 in stat and text when read.
        let text = try #require(FileContents.utf8(atPath: "/proc/self/status"))
        #expect(text.contains("VmRSS:"))
    }

    @Test func missingDirectoryAndNonUTF8GiveNil() throws {
        let dir = try TempDir()
        #expect(FileContents.data(atPath: dir.path("missing")) == nil)
        #expect(FileContents.data(atPath: try dir.makeDirectory("sub")) == nil)
        let latin1 = try dir.write("latin1", bytes: [0x63, 0x61, 0x66, 0xE9])
        #expect(FileContents.data(atPath: latin1) == Data([0x63, 0x61, 0x66, 0xE9]))
        #expect(FileContents.utf8(atPath: latin1) == nil)
    }
}
