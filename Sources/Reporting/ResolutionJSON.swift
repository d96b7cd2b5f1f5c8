import ELFFacts

/// `resolve --json`: one array, one object per input in input order (docs/resolve.md defines the fields);
/// an input that cannot be read is {"file", "error"}. Written through the streaming writer.
package enum ResolutionJSON {
    package static func element(_ result: Result<Resolution, InspectError>, file: String) -> [UInt8] {
        var out = JSONText(reserving: 4096, depth: 1)
        switch result {
        case .success(let r): out.resolution(r)
        case .failure(let error):
            out.beginObject()
            out.key("file"); out.string(file)
            out.key("error"); out.string(error.description)
            out.endObject()
        }
        return out.bytes
    }

    package static func document(_ elements: [[UInt8]]) -> [UInt8] { InspectJSON.assemble(elements) }
}

extension JSONText {
    package mutating func resolution(_ r: Resolution) {
        beginObject()
        key("file"); string(r.file)
        key("root"); string(r.root)
        key("resolved"); bool(r.problems.isEmpty)
        key("static"); bool(r.isStatic)
        key("objects")
        beginArray()
        for object in r.objects {
            beginObject()
            key("name"); string(object.name)
            key("path"); string(object.path)
            key("host_path"); string(object.hostPath)
            key("via"); string(object.via.rawValue)
            key("loaded_by"); string(object.loadedBy.map { r.objects[$0].name })
            key("needed"); strings(object.dependencies.map(\.name))
            key("missing"); strings(object.dependencies.filter { $0.object == nil }.map(\.name))
            endObject()
        }
        endArray()
        key("problems")
        resolutionProblems(r.problems)
        key("notes"); strings(r.notes)
        endObject()
    }

    package mutating func resolutionProblems(_ problems: [ResolutionProblem]) {
        beginArray()
        for p in problems {
            beginObject()
            key("kind"); string(p.kind.rawValue)
            key("message"); string(p.message)
            if let library = p.library { key("library"); string(library) }
            if let neededBy = p.neededBy { key("needed_by"); string(neededBy) }
            endObject()
        }
        endArray()
    }
}
