import Foundation
import Model

/// Reads what glibc's loader wrote under `LD_DEBUG=files,libs`: which objects it was asked for, how
/// (DT_NEEDED: "needed by", dlopen: "dynamically loaded by"), and the file it mapped for each.
package enum LoaderReport {
    /// One object as the program saw it; `path` is the program's view (a sysroot sandbox's `/usr/lib/x`).
    package struct Entry: Sendable, Equatable {
        package var name: String
        package var path: String?
        package var via: LoadedObject.Via
    }

    package static func parse(_ text: String) -> [Entry] {
        var entries: [Entry] = []
        var index: [String: Int] = [:]
        var searching: String?
        var lastTried: [String: String] = [:]
        for raw in text.split(separator: "\n") {
            // "     11283:\tfile=libc.so.6 [0];  needed by ./c [0]": the PID, a tab, the message.
            let line = (raw.firstIndex(of: "\t").map { raw[raw.index(after: $0)...] } ?? raw[...]).drop(while: { $0 == " " })
            if line.hasPrefix("file="), let name = line.dropFirst(5).split(separator: " ").first.map(String.init) {
                if line.contains(";  needed by ") || line.contains(";  dynamically loaded by ") {
                    guard index[name] == nil else { continue }
                    index[name] = entries.count
                    entries.append(Entry(name: name, path: nil, via: line.contains(";  needed by ") ? .needed : .dlopen))
                } else if line.hasSuffix("generating link map"), let i = index[name], entries[i].path == nil {
                    entries[i].path = lastTried[name] ?? (name.contains("/") ? name : nil)
                }
            } else if line.hasPrefix("find library="), let name = line.dropFirst(13).split(separator: " ").first {
                searching = String(name)
            } else if line.hasPrefix("trying file="), let searching {
                lastTried[searching] = String(line.dropFirst(12))
            } else if line.hasPrefix("calling init: ") {
                // A library found without a search (a path in DT_NEEDED, an absolute dlopen) shows its path here.
                let path = String(line.dropFirst(14))
                let base = (path as NSString).lastPathComponent
                if let i = entries.firstIndex(where: { $0.path == nil && ($0.name as NSString).lastPathComponent == base }) {
                    entries[i].path = path
                }
            }
        }
        return entries
    }

    /// The report of the step's own program among the `PREFIX.PID` files (children that exec a dynamic
    /// program write theirs too): the one that names `program` as the first object's needer, else the lowest PID.
    package static func read(prefix: String, program: String) -> String? {
        let dir = (prefix as NSString).deletingLastPathComponent
        let base = (prefix as NSString).lastPathComponent + "."
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
            .filter { $0.hasPrefix(base) }
            .sorted { (Int($0.dropFirst(base.count)) ?? .max) < (Int($1.dropFirst(base.count)) ?? .max) }
        let texts = files.compactMap { FileContents.utf8(atPath: dir + "/" + $0) }
        return texts.first(where: { $0.contains("needed by \(program) [") }) ?? texts.first
    }

    /// Removes the reports an earlier attempt left, so a rerun reads its own.
    package static func clear(prefix: String) {
        let dir = (prefix as NSString).deletingLastPathComponent
        let base = (prefix as NSString).lastPathComponent + "."
        for f in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where f.hasPrefix(base) {
            try? FileManager.default.removeItem(atPath: dir + "/" + f)
        }
    }

    /// "the loader did not find libgcc_s.so.1 (dlopen)": what a failed run asked for and never got, less
    /// the objects the reason already names (RunVerdict reads the loader's own message first).
    package static func missingNote(_ loaded: [LoadedObject]?, besides reason: String? = nil) -> String? {
        let missing = (loaded ?? []).filter { $0.path == nil && !(reason?.contains($0.name) ?? false) }
        guard !missing.isEmpty else { return nil }
        return "the loader did not find " + missing.map { "\($0.name) (\($0.via.rawValue))" }.joined(separator: ", ")
    }
}
