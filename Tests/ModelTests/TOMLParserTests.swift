import Testing
@testable import Model

@Suite struct TOMLParserTests {
    @Test func valuesAndLocations() throws {
        let text = """
            name = "default" # comment
            opt = ["-O2",
              'literal\\n', ]
            timeout = 1_000
            on = true
            [compilers.gcc.targets.aarch64]
            cc = "aarch64-linux-gnu-gcc"
            exclude = [{ compiler = "clang", target = "i686" }]
            "quoted key".x = -3
            """
        let root = try TOMLParser.parse(text)
        #expect(root["name"] == TOMLNode(.string("default"), at: SourceLocation(line: 1, column: 8)))
        #expect(root.entry("name")?.keyLocation == SourceLocation(line: 1, column: 1))
        guard case .array(let opts) = root["opt"]?.value else { Issue.record("opt is not an array"); return }
        #expect(opts.map(\.value) == [.string("-O2"), .string("literal\\n")])
        #expect(opts[1].location == SourceLocation(line: 3, column: 3))
        #expect(root["timeout"]?.value == .integer(1000))
        #expect(root["on"]?.value == .boolean(true))
        guard case .table(let compilers) = root["compilers"]?.value,
              case .table(let gcc) = compilers["gcc"]?.value,
              case .table(let targets) = gcc["targets"]?.value,
              case .table(let aarch64) = targets["aarch64"]?.value
        else { Issue.record("dotted header did not nest"); return }
        #expect(aarch64["cc"]?.value == .string("aarch64-linux-gnu-gcc"))
        #expect(aarch64["cc"]?.location == SourceLocation(line: 7, column: 6))
        guard case .array(let ex) = aarch64["exclude"]?.value, case .table(let rule) = ex.first?.value else {
            Issue.record("inline table missing"); return
        }
        #expect(rule["target"]?.value == .string("i686"))
        guard case .table(let quoted) = aarch64["quoted key"]?.value else { Issue.record("quoted dotted key"); return }
        #expect(quoted["x"]?.value == .integer(-3))
    }

    @Test func escapesAndMultiline() throws {
        let root = try TOMLParser.parse("a = \"tab\\tq\\\"\\u00e9\"\nb = \"\"\"\nline1\nline2\"\"\"\nc = '''\nraw\\n'''\n")
        #expect(root["a"]?.value == .string("tab\tq\"é"))
        #expect(root["b"]?.value == .string("line1\nline2"))
        #expect(root["c"]?.value == .string("raw\\n"))
    }

    @Test(arguments: [
        ("a = 1\na = 2\n", 2, 1, "duplicate key 'a'"),
        ("a = \"open\n", 1, 5, "unterminated string"),
        ("[t]\n[t]\n", 2, 2, "duplicate table 't'"),
        ("a = 1 b\n", 1, 7, "expected the end of the line, found 'b'"),
        ("a = 1.5\n", 1, 5, "unsupported value '1.5'; expected a string, an integer, a boolean, an array or a table"),
        ("a = [1, 2\n", 2, 1, "expected ',' or ']' in the array"),
        ("[[x]]\n", 1, 1, "arrays of tables are not supported"),
        ("a = 1\n[a.b]\n", 2, 2, "key 'a' is already an integer, not a table"),
    ])
    func errorsCarryTheirLocation(text: String, line: Int, column: Int, message: String) {
        #expect(throws: TOMLError(message, at: SourceLocation(line: line, column: column))) {
            try TOMLParser.parse(text)
        }
    }
}
