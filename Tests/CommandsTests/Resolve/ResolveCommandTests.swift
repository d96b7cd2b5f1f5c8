import Foundation
import Testing

/// `toolgate resolve` as a command: static files, the text form, the help.
@Suite("toolgate resolve", .timeLimit(.minutes(3)), .blocking)
struct ResolveCommandTests {
    @Test(arguments: [["-static"], ["-static-pie"]])
    func aStaticProgramHasNothingToResolve(_ flags: [String]) throws {
        let tmp = try TempDir()
        let prog = try ResolveSupport.program("prog", source: "int main(void) { return 0; }\n", flags: flags, in: tmp.url)
        let (run, array) = try ResolveSupport.resolveJSON([prog])
        #expect(run.status == 0, "\(run.stdout)")
        let element = try #require(array.first)
        #expect(element["static"] as? Bool == true)
        #expect(element["resolved"] as? Bool == true)
        #expect((element["objects"] as? [[String: Any]])?.count == 1)
        let text = try ToolgateBinary.run(["resolve", prog])
        #expect(text.status == 0)
        #expect(text.stdout.contains("static: nothing to resolve"), "\(text.stdout)")
    }

    @Test func theTextTreeShowsEachLibraryOnceAndHowItWasFound() throws {
        let run = try ToolgateBinary.run(["resolve", "/usr/bin/ls"])
        #expect(run.status == 0, "\(run.stdout)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "/usr/bin/ls")
        #expect(lines.contains("    interpreter /lib64/ld-linux-x86-64.so.2"))
        // libc.so.6 is loaded once, by ls, found through the host's ld.so.conf; elsewhere it is "already loaded".
        #expect(lines.filter { $0.contains("libc.so.6 => ") && $0.hasSuffix("(ld.so.conf)") }.count == 1, "\(lines)")
        #expect(lines.contains { $0.contains("libc.so.6 => ") && $0.contains("already loaded") })
        #expect(lines.last == "  resolved: every library and version found")
    }

    @Test func helpNamesTheOrderAndTheExitStatuses() throws {
        let run = try ToolgateBinary.run(["resolve", "--help"])
        #expect(run.status == 0)
        for phrase in ["DT_RPATH", "DT_RUNPATH", "ld.so.conf", "--sysroot", "--json", "0 when everything resolves",
                       "1 when any problem", "docs/resolve.md"] {
            #expect(run.stdout.contains(phrase), "--help lacks '\(phrase)'")
        }
    }
}
