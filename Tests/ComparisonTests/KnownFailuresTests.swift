import Testing
@testable import Model

@Suite struct KnownFailuresTests {
    @Test func parsesEntriesCommentsAndBlankLines() throws {
        let text = """
            # known failures of the aarch64 bootstrap
            fortify/clang/*   2027-01-31  clang-19 lacks it   # trailing comment

            *\t2026-12-01\tall of them
            """
        let entries = try KnownFailuresParser.parse(text, file: "kf.txt", today: "2026-11-25")
        #expect(entries.count == 2)
        #expect(entries[0].pattern == "fortify/clang/*")
        #expect(entries[0].reason == "clang-19 lacks it")
        #expect(entries[0].location == "kf.txt:2")
        #expect(entries[0].matches("fortify/clang/x86_64/static/O2"))
        #expect(!entries[0].matches("fortify/gcc/x86_64/static/O2"))
        #expect(entries[1].location == "kf.txt:4")
    }

    @Test func expiredEntryIsAnErrorNamingTheLine() {
        let text = "a/* 2027-01-01 fine\nb/* 2026-11-24 too old\n"
        #expect(throws: KnownFailuresError(
            location: "kf.txt:2", message: "entry for 'b/*' expired on 2026-11-24; fix the failure or renew the entry")) {
            try KnownFailuresParser.parse(text, file: "kf.txt", today: "2026-11-25")
        }
        // The expiry day itself is still valid.
        #expect((try? KnownFailuresParser.parse("b/* 2026-11-25 today", file: "kf.txt", today: "2026-11-25"))?.count == 1)
    }

    @Test(arguments: ["a/* 2027-13-01 bad month", "a/* 27-01-01 short", "a/* tomorrow later", "a/* 2027-01-01"])
    func malformedLines(_ line: String) throws {
        let error = try #require(throws: KnownFailuresError.self) {
            try KnownFailuresParser.parse("# c\n" + line, file: "kf.txt", today: "2026-11-25")
        }
        #expect(error.location == "kf.txt:2")
        #expect(error.description.hasPrefix("kf.txt:2: error: "))
    }
}
