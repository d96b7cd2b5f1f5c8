import ELFInspection

/// `inspect --json`: one array, one object per input in input order; a failure is {"path", "error"}.
package enum InspectJSON {
    package static func render(_ results: [InspectResult]) -> String {
        var out = JSONText(reserving: results.count * 2048)
        out.beginArray()
        for result in results {
            switch result {
            case .facts(let facts):
                out.facts(facts)
            case .failure(let path, let error):
                out.beginObject()
                out.key("path"); out.string(path)
                out.key("error"); out.string(error.description)
                out.endObject()
            }
        }
        out.endArray()
        return out.text + "\n"
    }
}
