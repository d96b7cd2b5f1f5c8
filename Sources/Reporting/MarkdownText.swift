/// Text made inert inside a Markdown table cell (GitHub-flavoured, which also renders inline HTML):
/// one line, pipes and Markdown punctuation backslash-escaped, HTML's `<`, `>` and `&` as entities.
package enum MarkdownText {
    package static func cell(_ s: String, limit: Int = 200) -> String {
        var out = ""
        for ch in SafeText.line(s, limit: limit).unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "|", "`", "*", "_", "[", "]", "#", "~", "!": out += "\\" + String(ch)
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
