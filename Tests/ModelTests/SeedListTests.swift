import Testing
@testable import Model

@Suite("seed lists and [generate]")
struct SeedListTests {
    @Test(arguments: [
        ("1-5", [UInt64(1), 2, 3, 4, 5]), ("7", [7]), ("1,5,9", [1, 5, 9]), ("1-3,9,2", [1, 2, 3, 9]), (" 4 - 6 , 8 ", [4, 5, 6, 8]),
    ])
    func parses(_ text: String, _ seeds: [UInt64]) throws {
        #expect(try SeedList.parse(text) == seeds)
    }

    @Test(arguments: [
        ("", "no seeds given"), ("1,,2", "empty entry"), ("5-1", "runs backwards; write '1-5'"), ("a-3", "'a-3' is not a seed"),
        ("1-2-3", "'1-2-3' is not a seed"), ("-4", "is not a seed"), ("1-200000", "more than 100000 seeds"), ("99999999999", "from 0 to"),
    ])
    func refusesWithAClearMessage(_ text: String, _ message: String) {
        #expect(throws: SeedList.Failure.self) { try SeedList.parse(text) }
        do {
            _ = try SeedList.parse(text)
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test func formatsBackToRanges() throws {
        #expect(SeedRanges.format([1, 2, 3, 9, 11, 12]) == "1-3,9,11-12")
        #expect(try SeedList.parse(SeedRanges.format([4, 5, 6, 10])) == [4, 5, 6, 10])
    }

    static let base = """
        name = "g"
        [compilers.gcc]
        cc = "gcc"
        cxx = "g++"
        [compilers.clang]
        cc = "clang-19"
        cxx = "clang++-19"
        [targets.x86_64]
        [targets.i686]

        """

    @Test func decodesTheGenerateTable() throws {
        let m = try MatrixDecoder.decode(Self.base + """
            [generate]
            tool = "csmith"
            seeds = "1-3,10"
            flags = ["--max-funcs", "3"]
            timeout = 5
            reference = { compiler = "gcc", opt = "-O0" }

            """, path: "m.toml")
        let g = try #require(m.generate)
        #expect(g.seeds == [1, 2, 3, 10])
        #expect(g.flags == ["--max-funcs", "3"])
        #expect(g.runTimeout == 5)
        #expect(g.reference == ReferenceCells(compiler: "gcc", opt: "O0"))
        #expect(g.fixtureName(seed: 7) == "csmith-7")
        #expect(try MatrixDecoder.decode(Self.base, path: "m.toml").generate == nil)
    }

    @Test(arguments: [
        ("[generate]\ntool = \"yarpgen\"\nseeds = \"1\"\n", "m.toml:11:8: error: unknown generator 'yarpgen'; expected csmith"),
        ("[generate]\nseeds = \"9-2\"\n", "m.toml:11:9: error: 'seeds': the seed range '9-2' runs backwards"),
        ("[generate]\nflags = []\n", "error: [generate] needs 'seeds'"),
        ("[generate]\nseeds = \"1\"\nreference = { compiler = \"gc\" }\n", "error: unknown compiler 'gc' in 'reference'; did you mean 'gcc'?"),
        ("[generate]\nseeds = \"1\"\nreference = {}\n", "error: 'reference' names no cells"),
        ("[generate]\nseeds = \"1\"\nseed = 3\n", "error: unknown key 'seed' in [generate]; did you mean 'seeds'?"),
    ])
    func refusesABadGenerateTable(_ text: String, _ message: String) {
        do {
            _ = try MatrixDecoder.decode(Self.base + text, path: "m.toml")
            Issue.record("decoded \(text)")
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
        }
    }
}
