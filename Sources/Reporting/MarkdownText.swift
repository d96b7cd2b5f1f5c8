/// Text made inert inside a Markdown table cell (GitHub-flavoured, which also renders inline HTML):
/// one line, pipes, backticks, emphasis and link brackets backslash-escaped, HTML's `<`, `>` and `&` as
/// entities. Underscores stay: GitHub does not emphasise inside words, and `x86_64` reads better bare.
package enum MarkdownText {
    package static func cell(_ s: String, limit: Int = 200) -> String {
        var out = ""
        for ch in SafeText.line(s, limit: limit).unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "|", "`", "*", "[", "]": out += "\\" + String(ch)
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}

/// `1 change`, `3 changes`.
func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
