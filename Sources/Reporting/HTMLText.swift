/// Text made inert in HTML, in element content or a quoted attribute alike: escape sequences and
/// control characters dropped (`SafeText`), then `& < > " '` as entities.
package enum HTMLText {
    package static func escape(_ s: String) -> String {
        var out = ""
        for ch in SafeText.clean(s).unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
