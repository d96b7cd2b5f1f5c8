import Foundation
import Testing

/// The JSON of `toolgate inspect --json` against binutils' view of ~40 system files: the fields
/// readelf -hldnW shows, as the command line (not the library) prints them.
@Suite("toolgate inspect --json against readelf", .blocking)
struct InspectJSONReadelfTests {
    @Test("class, machine, type, interpreter, needed, soname, rpath, runpath, build_id")
    func sample() throws {
        let files = SystemFiles.sample()
        #expect(files.count >= 35, "a sample of about 40 files from \(SystemFiles.directories)")
        let run = try ToolgateBinary.run(["inspect", "--json"] + files)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let array = try jsonArray(run.stdout)
        try #require(array.count == files.count)
        for (path, object) in zip(files, array) {
            let r = try ReadelfView(path: path)
            #expect(object["path"] as? String == path)
            #expect(object["class"] as? Int == r.elfClass, "class of \(path)")
            #expect(object["machine"] as? String == r.machine, "machine of \(path)")
            #expect(object["type"] as? String == r.type, "type of \(path)")
            #expect(object["interpreter"] as? String == r.interpreter, "interpreter of \(path)")
            #expect((object["interpreter"] is NSNull) == (r.interpreter == nil), "interpreter null of \(path)")
            #expect(object["needed"] as? [String] == r.needed, "needed of \(path)")
            #expect(object["soname"] as? String == r.soname, "soname of \(path)")
            #expect(object["rpath"] as? [String] == r.rpath, "rpath of \(path)")
            #expect(object["runpath"] as? [String] == r.runpath, "runpath of \(path)")
            #expect(object["build_id"] as? String == r.buildID, "build_id of \(path)")
        }
    }
}
