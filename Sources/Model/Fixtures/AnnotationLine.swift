import Foundation

/// One `// KEYWORD[targets]: value` or `/* KEYWORD: value */` found in a source line.
struct AnnotationLine: Equatable {
    var keyword: String
    var targets: [String]?
    var value: String
    var line: Int

    /// Finds an annotation in a line of source: a comment opener, optional blanks, an upper-case
    /// keyword (letters, digits, dashes), an optional `[a,b]`, a colon, then the value. One blank
    /// after the colon is dropped; trailing blanks and a closing `*/` are trimmed.
    static func parse(_ text: Substring, line: Int) -> AnnotationLine? {
        for opener in ["//", "/*"] {
            var search = text[...]
            while let r = search.range(of: opener) {
                if let found = parse(afterOpener: search[r.upperBound...], line: line, block: opener == "/*") { return found }
                search = search[r.upperBound...]
            }
        }
        return nil
    }

    private static func parse(afterOpener rest: Substring, line: Int, block: Bool) -> AnnotationLine? {
        var s = rest.drop(while: { $0 == " " || $0 == "\t" || (block && $0 == "*") })
        let keyword = s.prefix(while: { ($0.isASCII && $0.isUppercase) || $0.isNumber || $0 == "-" || $0 == "+" })
        guard keyword.count >= 3, keyword.first?.isUppercase == true else { return nil }
        s = s.dropFirst(keyword.count)
        var targets: [String]?
        if s.first == "[" {
            guard let close = s.firstIndex(of: "]") else { return nil }
            targets = s[s.index(after: s.startIndex)..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            s = s[s.index(after: close)...]
        }
        guard s.first == ":" else { return nil }
        s = s.dropFirst()
        if s.first == " " { s = s.dropFirst() }
        var value = String(s)
        if block, let end = value.range(of: "*/", options: .backwards) { value = String(value[..<end.lowerBound]) }
        while let last = value.last, last == " " || last == "\t" || last == "\r" { value.removeLast() }
        return AnnotationLine(keyword: String(keyword), targets: targets, value: value, line: line)
    }
}
