import Foundation
import Model
import Testing

/// ShellWords against POSIX sh's quoting: each case's words are written out, and /bin/sh (dash) is asked
/// to split the same text, so the expectation is the shell's and not only this file's.
@Suite struct ShellWordsTests {
    /// Text as a fixture's annotation writes it, and the words a POSIX shell makes of it. No `$` or
    /// backquote outside an escape: the shell would expand them and ShellWords does not.
    static let cases: [(text: String, words: [String])] = [
        (#"a 'b c' "d \"e\"" f\ g"#, ["a", "b c", #"d "e""#, "f g"]),
        // Inside double quotes a backslash before anything but $ ` " \ newline is kept.
        (#""C:\dir""#, [#"C:\dir"#]),
        (#"-DPATH="C:\dir\sub""#, [#"-DPATH=C:\dir\sub"#]),
        (#""\n\t""#, [#"\n\t"#]),
        // ... and escapes those five.
        (#""a\\b""#, [#"a\b"#]),
        (#""\$HOME""#, ["$HOME"]),
        (#""\`x\`""#, ["`x`"]),
        (#""say \"hi\"""#, [#"say "hi""#]),
        ("\"line\\\ncontinued\"", ["linecontinued"]),
        // Outside quotes a backslash escapes any character, and a backslash-newline is removed.
        (#"C:\dir"#, ["C:dir"]),
        (#"a\\b"#, [#"a\b"#]),
        ("a \\\n b", ["a", "b"]),
        // Single quotes keep every backslash.
        (#"'C:\dir\' x"#, [#"C:\dir\"#, "x"]),
        // Empty quotes are an empty word; blanks alone are none.
        (#"'' """#, ["", ""]),
        (" \t ", []),
    ]

    @Test func splitsAsWritten() {
        for c in Self.cases {
            #expect(ShellWords.split(c.text) == c.words, "\(c.text.debugDescription)")
        }
    }

    @Test func quotesOnlyWordsThatNeedIt() {
        #expect(ShellWords.quote("-Wl,--dependency-file=/w/a_b/prog.d") == "-Wl,--dependency-file=/w/a_b/prog.d")
        #expect(ShellWords.quote("") == "''")
        #expect(ShellWords.quote("a b") == "'a b'")
        #expect(ShellWords.quote("caf\u{e9}.c") == "'caf\u{e9}.c'")
        #expect(ShellWords.quote("e\u{301}") == "'e\u{301}'")  // a safe letter and a combining accent
        #expect(ShellWords.quote("a\r\nb") == "'a\r\nb'")
        #expect(ShellWords.quote("~x") == "'~x'")
    }

    @Test func backslashAtTheEndIsKept() {
        #expect(ShellWords.split(#"a\"#) == [#"a\"#])
    }

    @Test(.timeLimit(.minutes(5))) func splitsAsPOSIXShDoes() throws {
        for c in Self.cases {
            #expect(try Self.shellSplit(c.text) == c.words, "\(c.text.debugDescription)")
        }
    }

    /// The words /bin/sh makes of `text` as a command's arguments, each written NUL-terminated.
    static func shellSplit(_ text: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "printf '%s\\0' " + text + " ''"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        // The trailing '' makes printf print at least one word even for blank text; it is dropped here.
        var words = String(decoding: data, as: UTF8.self).split(separator: "\0", omittingEmptySubsequences: false)
            .map(String.init)
        words.removeLast()  // after the final NUL
        words.removeLast()  // the ''
        return words
    }
}
