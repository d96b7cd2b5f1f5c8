import Foundation
import Testing
@testable import Model

/// Inputs the matrix fuzzer (docs/fuzzing.md) found, or that were written after reading the parser: each is a
/// clear error with its line and column, never a trap. The crashing inputs are also in Tests/Corpus/matrix/.
@Suite struct TOMLHostileInputTests {
    @Test(arguments: [
        ("a = 9223372036854775807\n", Int.max),
        ("a = -9223372036854775808\n", Int.min),
        ("a = -0x10\n", -16),
        ("a = +0b1_0\n", 2),
    ])
    func integersAtTheEdgesRead(text: String, value: Int) throws {
        #expect(try TOMLParser.parse(text)["a"]?.value == .integer(value))
    }

    /// `--9223372036854775808` once parsed as the negation of Int.min: an overflow trap.
    @Test(arguments: [
        ("a = --9223372036854775808\n", 1, 5,
         "unsupported value '--9223372036854775808'; expected a string, an integer, a boolean, an array or a table"),
        ("a = -0x-8000000000000000\n", 1, 5,
         "unsupported value '-0x-8000000000000000'; expected a string, an integer, a boolean, an array or a table"),
        ("\n  b = 9223372036854775808\n", 2, 7,
         "integer '9223372036854775808' is out of range; integers are 64-bit, -9223372036854775808 to 9223372036854775807"),
        ("c = [0x8000000000000000]\n", 1, 6,
         "integer '0x8000000000000000' is out of range; integers are 64-bit, -9223372036854775808 to 9223372036854775807"),
    ])
    func integersThatDoNotFitAreErrors(text: String, line: Int, column: Int, message: String) {
        #expect(throws: TOMLError(message, at: SourceLocation(line: line, column: column))) { try TOMLParser.parse(text) }
    }

    @Test func aMatrixWithAnIntegerOutOfRangeNamesTheFileAndLine() {
        #expect(throws: MatrixError(
            path: "matrices/m.toml", location: SourceLocation(line: 2, column: 11),
            message: "integer '-99999999999999999999' is out of range; integers are 64-bit, -9223372036854775808 to 9223372036854775807")
        ) {
            try MatrixDecoder.decode("[compilers.gcc]\ntimeout = -99999999999999999999\n", path: "matrices/m.toml")
        }
    }

    @Test func nestingUpToTheLimitReads() throws {
        let depth = TOMLParser.maxNesting
        let arrays = try TOMLParser.parse("a = " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n")
        #expect(arrays["a"] != nil)
        let tables = try TOMLParser.parse("a = " + String(repeating: "{ b = ", count: depth - 1) + "{}" + String(repeating: " }", count: depth - 1))
        #expect(tables["a"] != nil)
        let key = Array(repeating: "k", count: TOMLParser.maxKeyParts).joined(separator: ".")
        #expect(try TOMLParser.parse("\(key) = 1\n[x.\(key.dropFirst(2))]\n")["k"] != nil)
    }

    /// 100,000 `[` (or `{`, or key parts) once overflowed the stack: the parser recursed once per level.
    @Test(arguments: [
        ("a = " + String(repeating: "[", count: 33), 1, 37, "arrays and inline tables nested more than 32 deep"),
        ("a = " + String(repeating: "[", count: 100_000), 1, 37, "arrays and inline tables nested more than 32 deep"),
        ("x = 1\na = [" + String(repeating: "{ b = [", count: 50_000), 2, 117, "arrays and inline tables nested more than 32 deep"),
        (Array(repeating: "a", count: 100_000).joined(separator: ".") + " = 1\n", 1, 64, "a dotted key of more than 32 parts"),
        ("\n[" + Array(repeating: "a", count: 100_000).joined(separator: ".") + "]\n", 2, 65, "a dotted key of more than 32 parts"),
    ])
    func deepNestingIsAnError(text: String, line: Int, column: Int, message: String) {
        #expect(throws: TOMLError(message, at: SourceLocation(line: line, column: column))) { try TOMLParser.parse(text) }
    }

    @Test func aMatrixNestedTooDeepNamesTheFileAndLine() {
        let text = "[compilers.gcc]\ncc = \"gcc\"\ncflags = " + String(repeating: "[", count: 1000) + "\n"
        #expect(throws: MatrixError(
            path: "deep.toml", location: SourceLocation(line: 3, column: 42), message: "arrays and inline tables nested more than 32 deep")
        ) {
            try MatrixDecoder.decode(text, path: "deep.toml")
        }
    }

    /// 100,000 keys under one header once took minutes: each insertion copied the whole table.
    @Test(arguments: [
        "[t]\n" + (0..<100_000).map { "k\($0) = \($0)\n" }.joined(),
        (0..<100_000).map { "a.b.k\($0) = 'x'\n" }.joined(),
        "t = {" + (0..<100_000).map { "k\($0) = \($0)" }.joined(separator: ", ") + "}\n",
    ])
    func manyKeysReadInLinearTime(text: String) throws {
        let start = ContinuousClock.now
        let root = try TOMLParser.parse(text)
        let elapsed = ContinuousClock.now - start
        var table = root
        while case .table(let sub)? = table.entries.first?.node.value, sub.entries.count < 100_000 { table = sub }
        guard case .table(let keys)? = table.entries.first?.node.value else { Issue.record("no table of keys"); return }
        #expect(keys.entries.count == 100_000)
        #expect(keys["k99999"] != nil)
        // About 2 s in a debug build; quadratic, it was minutes.
        #expect(elapsed < .seconds(30), "\(elapsed)")
    }
}
