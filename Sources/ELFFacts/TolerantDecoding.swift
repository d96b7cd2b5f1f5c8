/// Reading report.json tolerantly (docs/report-schema.md, "Reading old and new reports"): a field another
/// toolgate did not write takes its default, so an old baseline still reads after a field is added and a newer
/// report reads here; a field this toolgate does not know is ignored. A field of the wrong type is still an
/// error naming it: only an absent key or null falls back.
///
/// Here, in the C-free ELFFacts target, because both the ELF value types and Model's report types read with
/// it (Model imports ELFFacts; ELFFacts cannot import Model): one helper for every reader.
extension KeyedDecodingContainer {
    package func decode<T: Decodable>(_ type: T.Type = T.self, forKey key: Key, default fallback: @autoclosure () -> T) throws -> T {
        try decodeIfPresent(type, forKey: key) ?? fallback()
    }
}

extension RawRepresentable where RawValue == String {
    /// A raw value this toolgate does not know (a newer one wrote it) reads as `unknown`, the enum's case for
    /// "cannot tell"; a value that is not a string is still an error.
    package init(from decoder: any Decoder, unknown: Self) throws {
        self = Self(rawValue: try decoder.singleValueContainer().decode(String.self)) ?? unknown
    }
}
