import Foundation
import Testing

@testable import Execution
import Model

/// ProbeAnswerStore: an answer comes back only while every file it rests on is as it was, and the probes
/// that use it answer from it (shown by a kept answer edited on disk coming back) until a file changes.
@Suite(.timeLimit(.minutes(5))) struct ProbeAnswersTests {
    /// Rewrites the kept answer of `key` as a later run would find it: proof that a result came from the store.
    static func tamper(_ store: ProbeAnswerStore, _ key: String, answer: String) throws {
        let url = URL(fileURLWithPath: store.path(key))
        var entry = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        entry["answer"] = answer
        try JSONSerialization.data(withJSONObject: entry).write(to: url)
    }

    @Test func anAnswerLastsWhileItsFilesMatch() throws {
        let dir = try TempDir()
        let store = ProbeAnswerStore(directory: dir.path("probes"))
        let file = try dir.write("header.h", "#define A 1\n")
        let key = ProbeAnswerStore.key("test", ["argv"])
        store.save("yes", key: key, files: [file])
        #expect(store.load(key) == "yes")
        #expect(store.load(ProbeAnswerStore.key("test", ["other argv"])) == nil)
        // Same size, new content and mtime: the content hash decides.
        try "#define A 2\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(store.load(key) == nil)
        // A file that cannot be stamped keeps nothing.
        store.save("no", key: key, files: [dir.path("missing.h")])
        #expect(store.load(key) == nil)
    }

    @Test func filesUnderTheWorkDirectoryMatchInAnyLaterWorkDirectory() throws {
        let dir = try TempDir()
        let store = ProbeAnswerStore(directory: dir.path("probes"))
        let first = try dir.write("out1/work/probe.c", "int main(void) { return 0; }\n")
        let key = ProbeAnswerStore.key("test", [])
        store.save("links", key: key, files: [first], workDir: dir.path("out1/work"))
        #expect(store.load(key, workDir: dir.path("out2/work")) == nil, "no probe.c in the second work directory yet")
        var seen: [String] = []
        let answer = store.load(key, workDir: dir.path("out2/work")) { answer in
            seen.append(answer)
            _ = try? dir.write("out2/work/probe.c", "int main(void) { return 0; }\n")
        }
        #expect(answer == "links" && seen == ["links"], "prepare makes the file before the stamps are checked")
    }

    @Test func theCPUListOfAnUnchangedEmulatorComesFromTheStore() async throws {
        let qemu = try Spawn.require("qemu-aarch64")
        let dir = try TempDir()
        let emulator = dir.path("qemu-aarch64")
        try FileManager.default.copyItem(atPath: qemu, toPath: emulator)
        let store = ProbeAnswerStore(directory: dir.path("probes"))
        let asked = try #require(await CPUCheck.knownCPUs(emulator: emulator, dir: dir.path("cpu"), tag: "0", store: store))
        #expect(asked.contains("cortex-a72"))
        let key = CPUCheck.storeKey(emulator: emulator)
        try Self.tamper(store, key, answer: "kept-cpu")
        #expect(await CPUCheck.knownCPUs(emulator: emulator, dir: dir.path("cpu"), tag: "0", store: store) == ["kept-cpu"])
        // Another qemu under the same name (here: trailing bytes, which the ELF loader ignores) is asked again.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: emulator))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([0]))
        try handle.close()
        #expect(await CPUCheck.knownCPUs(emulator: emulator, dir: dir.path("cpu"), tag: "0", store: store)?.contains("cortex-a72") == true)
    }

    @Test func aRunnersLibrariesComeFromTheStoreUntilOneChanges() async throws {
        _ = try Spawn.require("qemu-aarch64")
        let dir = try TempDir()
        let store = ProbeAnswerStore(directory: dir.path("probes"))
        let matrix = try MatrixDecoder.decode("""
            [compilers.gcc]
            cc = "gcc"
            [targets.aarch64]
            runner = ["qemu-aarch64"]
            """, path: dir.path("m.toml"))
        let asked = try #require(await SandboxProbe.runnerBindings(matrix, dir: dir.path("p"), store: store)["qemu-aarch64"])
        #expect(asked.libraries.contains { $0.contains("libc.so.6") }, "\(asked)")
        let path = try #require(ExecutableLookup.resolve("qemu-aarch64"))
        let key = SandboxProbe.runnerKey(command: "qemu-aarch64", path: path)
        try Self.tamper(store, key, answer: ([asked.loader ?? ""] + asked.libraries + ["/kept/libmarker.so"]).joined(separator: "\n"))
        let kept = await SandboxProbe.runnerBindings(matrix, dir: dir.path("p"), store: store)["qemu-aarch64"]
        #expect(kept?.libraries.last == "/kept/libmarker.so")
        #expect(kept?.loader == asked.loader)
    }

    @Test func theI686WorkaroundIsKeptWithTheHeadersItRead() async throws {
        _ = try Spawn.require("gcc")
        guard !FileManager.default.fileExists(atPath: "/usr/include/asm") else { return }   // gcc-multilib: no workaround to keep
        let dir = try TempDir()
        let store = ProbeAnswerStore(directory: dir.path("probes"))
        let first = try #require(await I686AsmWorkaround.apply(cc: "gcc", cflags: ["-m32"], workDir: dir.path("w1"), store: store))
        #expect(first.flags == ["-idirafter", dir.path("w1") + "/i686-include"])
        // A later run, another work directory: the kept answer, with the link its headers are read through made anew.
        let key = I686AsmWorkaround.storeKey(cc: "gcc", cflags: ["-m32"])
        let second = await I686AsmWorkaround.apply(cc: "gcc", cflags: ["-m32"], workDir: dir.path("w2"), store: store)
        #expect(second?.flags == ["-idirafter", dir.path("w2") + "/i686-include"])
        #expect(FileManager.default.fileExists(atPath: dir.path("w2") + "/i686-include/asm/errno.h"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("w2") + "/probes"), "no probe ran")
        try Self.tamper(store, key, answer: "none")
        #expect(await I686AsmWorkaround.apply(cc: "gcc", cflags: ["-m32"], workDir: dir.path("w3"), store: store) == nil)
    }
}
