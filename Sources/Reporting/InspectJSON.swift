import ELFFacts

/// `inspect --json`: one array, one object per input in input order; a failure is {"path", "error"}.
/// Elements are rendered one by one (by the threads that read the files) and assembled in order.
package enum InspectJSON {
    /// One element of the array, indented for its place in it.
    package static func element(_ result: InspectResult) -> [UInt8] {
        var out = JSONText(reserving: 2048, depth: 1)
        switch result {
        case .facts(let facts):
            out.facts(facts)
        case .failure(let path, let error):
            out.beginObject()
            out.key("path"); out.string(path)
            out.key("error"); out.string(error.description)
            out.endObject()
        }
        return out.bytes
    }

    /// The array of `elements`, in their order, with a final newline.
    package static func assemble(_ elements: [[UInt8]]) -> [UInt8] {
        guard !elements.isEmpty else { return Array("[]\n".utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(elements.reduce(8) { $0 + $1.count + 4 })
        out.append(contentsOf: "[\n  ".utf8)
        for (i, e) in elements.enumerated() {
            if i > 0 { out.append(contentsOf: ",\n  ".utf8) }
            out.append(contentsOf: e)
        }
        out.append(contentsOf: "\n]\n".utf8)
        return out
    }
}
