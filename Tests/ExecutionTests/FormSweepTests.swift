import Foundation
import Testing
@testable import Execution

/// The passes `reduce` runs after C-Vise, on crafted one-form-a-line programs; the real test.sh is the
/// reduce test's (CsmithCommandTests), here an acceptance rule stands for it.
@Suite("reduction form sweep")
struct FormSweepTests {
    static let program = """
        #include "csmith.h"
        static int32_t g_2 = 1L;
        static volatile uint8_t g_5[3] = {1, 2, 3};
        static int32_t *g_7 = &g_2;
        struct S0 { int f0; };
        static int32_t func_1(void);
        static int32_t func_1(void) { return g_2 + g_5[1] + *g_7; }
        int main(void) { func_1(); return 0; }

        """

    @Test func itFindsTheGlobalsButNotFunctionsTypesOrIncludes() {
        let names = Self.program.split(separator: "\n").map { FormSweep.globalName(String($0)) }
        #expect(names == [nil, "g_2", "g_5", "g_7", nil, nil, nil, nil])
    }

    @Test(.timeLimit(.minutes(5)))
    func itKeepsOnlySmallerAcceptedCandidatesAndReportsEachOne() async {
        let kept = KeptPrograms()
        // Interesting while func_1 is there, still starts with a global's read, and every global it names is declared.
        let interesting: @Sendable (String) -> Bool = { c in
            let used = Set(c.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" }).filter { $0.hasPrefix("g_") }.map(String.init))
            let declared = Set(c.split(separator: "\n").compactMap { FormSweep.globalName(String($0)) })
            return c.contains("func_1(void) {") && c.contains("return g_") && used.isSubset(of: declared)
        }
        // The deadline is not what this test is about: under a loaded `swift test` the pool may not run
        // the sweep for a minute or more (CI saw the sweep stop after one deletion).
        var sweep = FormSweep(text: Self.program, jobs: 2, deadline: .now + .seconds(3600),
                              accepted: { c, _ in interesting(c) }, kept: { kept.add($0) })
        await sweep.run([FormSweep.deleteForms, FormSweep.replaceGlobals])
        // main, the prototype and the struct go; g_5 and g_7 are replaced by 0; g_2 stays (0 or 1 would not start with g_).
        #expect(sweep.text == """
            #include "csmith.h"
            static int32_t g_2 = 1L;
            static int32_t func_1(void) { return g_2 + 0 + *0; }

            """, "\(sweep.text)")
        #expect(kept.all.last == sweep.text)
        #expect(kept.all.count == 5 && kept.all.allSatisfy(interesting))
        // Each kept program is smaller than the one before it.
        for (a, b) in zip(kept.all, kept.all.dropFirst()) { #expect(FormSweep.smaller(b, than: a)) }
    }

    @Test func aGlobalsUsesBecomeAConstantOrItsStoresGo() async {
        let program = "static int32_t g_1[2] = {1, 2};\nint f(void) { return (g_1[1] = 3) + g_1 [0] + g_10; }\n"
        let zero = await FormSweep.replaceGlobals.candidate(program, 0)
        let one = await FormSweep.replaceGlobals.candidate(program, 1)
        let stores = await FormSweep.replaceGlobals.candidate(program, 2)
        #expect(await FormSweep.replaceGlobals.instances(program) == 3)
        #expect(zero == "int f(void) { return (0 = 3) + 0 + g_10; }\n")
        #expect(one == "int f(void) { return (1 = 3) + 1 + g_10; }\n")
        #expect(stores == "int f(void) { return ( 3) + 0 + g_10; }\n")
    }

    @Test func blankLinesGoAndSizeCountsLinesFirst() {
        #expect(FormSweep.tidy("a;\n\n  b;  \n") == "a;\nb;\n")
        #expect(FormSweep.smaller("a, b;\n", than: "a;\nb;\n"))
        #expect(!FormSweep.smaller("a;\nbb;\n", than: "a;\nb;\n"))
    }
}

final class KeptPrograms: @unchecked Sendable {
    private let lock = NSLock()
    private var programs: [String] = []
    func add(_ p: String) { lock.withLock { programs.append(p) } }
    var all: [String] { lock.withLock { programs } }
}
