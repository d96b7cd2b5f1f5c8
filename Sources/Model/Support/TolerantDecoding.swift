/// Reading report.json tolerantly (docs/report-schema.md, "Reading old and new reports"): a field another
/// toolgate did not write takes its default, so an old baseline still reads after a field is added and a newer
/// report reads here; a field this toolgate does not know is ignored. A field of the wrong type is still an
/// error naming it: only an absent key or null falls back.
extension KeyedDecodingContainer {
    package func decode<T: Decodable>(_ type: T.Type = T.self, forKey key: Key, default fallback: @autoclosure () -> T) throws -> T {
        try decodeIfPresent(type, forKey: key) ?? fallback()
    }
}
