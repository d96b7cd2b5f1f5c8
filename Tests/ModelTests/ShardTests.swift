import Foundation
import Testing
@testable import Model

@Suite struct ShardTests {
    static let root = Repository.root.path

    /// The default matrix over the committed fixtures: the plan a real run has.
    static func defaultPlan() throws -> Plan {
        let matrix = try MatrixDecoder.load(path: root + "/matrices/default.toml", fixturesOverride: root + "/fixtures")
        return Plan.make(matrix: matrix, fixtures: try FixtureDiscovery.discover(in: matrix.fixtures))
    }

    @Test(arguments: ["1/1", "1/3", "3/3", "7/7"]) func parsesGoodValues(_ text: String) throws {
        let shard = try #require(Shard(parsing: text))
        #expect(shard.description == text)
    }

    @Test(arguments: ["0/3", "4/3", "x", "", "1/0", "-1/3", "1/", "/3", "1/3/5", "1 /3", "2/-3"]) func rejectsBadValues(_ text: String) {
        #expect(Shard(parsing: text) == nil)
    }

    /// The published FNV-1a 64-bit test vectors: a change of the hash would move every unit to another shard.
    @Test func fnv1aIsTheStandardOne() {
        #expect(FNV1a.hash64("") == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a.hash64("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(FNV1a.hash64("foobar") == 0x8594_4171_f739_67e8)
    }

    /// Computed outside Swift from the definition (FNV-1a 64 of the key's UTF-8, mod N, plus one), for N = 1…7.
    @Test(arguments: [
        ("exceptions/gcc/aarch64/O2", [1, 2, 2, 4, 5, 2, 2]),
        ("hello/gcc/x86_64/O0", [1, 2, 2, 2, 1, 2, 5]),
        ("int128/clang/i686/O2", [1, 2, 1, 2, 2, 4, 7]),
        ("tls/clang/x86_64/O2", [1, 1, 2, 1, 3, 5, 2]),
    ]) func knownUnitsStayInTheirShards(_ key: String, _ expected: [Int]) {
        #expect((1...7).map { Shard.number(ofUnitKey: key, count: $0) } == expected)
    }

    @Test(arguments: 1...7) func shardsOfTheDefaultMatrixAreDisjointAndComplete(_ n: Int) throws {
        let plan = try Self.defaultPlan()
        #expect(plan.cells.count > 100)
        var seen: [String: Int] = [:]
        var together: [String] = []
        for k in 1...n {
            let part = plan.restricted(to: Shard(index: k, count: n))
            for cell in part.cells {
                #expect(seen[cell.id] == nil, "\(cell.id) is in shards \(seen[cell.id] ?? 0) and \(k) of \(n)")
                seen[cell.id] = k
            }
            // A build unit is never split: every cell of the unit is in this part.
            let keys = Set(part.cells.map(\.unitKey))
            #expect(plan.cells.filter { keys.contains($0.unitKey) }.count == part.cells.count)
            together += part.cells.map(\.id)
        }
        #expect(Set(together) == Set(plan.cells.map(\.id)))
        #expect(together.count == plan.cells.count)
    }

    /// The same shard whatever the order the plan is in: the assignment depends on the unit key alone.
    @Test func assignmentIgnoresOrder() throws {
        let plan = try Self.defaultPlan()
        let shard = Shard(index: 2, count: 3)
        let forward = plan.restricted(to: shard).cells.map(\.id)
        let backward = Plan(cells: plan.cells.reversed()).restricted(to: shard).cells.map(\.id)
        #expect(Set(forward) == Set(backward))
        #expect(plan.restricted(to: nil).cells.count == plan.cells.count)
    }
}
