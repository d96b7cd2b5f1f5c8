/// Each library's list of version names; a library written with null reads with none.
extension VersionNeeds {
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        // JSON objects carry no order a decoder keeps; sort for a stable value.
        for key in c.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
            entries.append(Entry(library: key.stringValue, versions: try c.decode(forKey: key, default: [])))
        }
    }
}
