/// XML escaping as lit's JUnit writer does it: control characters stripped, `]]>` split inside CDATA.
package enum XMLText {
    /// Text for an attribute value in double quotes: markup and quotes escaped, line breaks as references.
    package static func attribute(_ s: String) -> String {
        var out = ""
        for ch in SafeText.clean(s).unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// A CDATA section holding `s`; a `]]>` inside is split across two sections (`]]]]><![CDATA[>`).
    package static func cdata(_ s: String) -> String {
        "<![CDATA[" + SafeText.clean(s).replacing("]]>", with: "]]]]><![CDATA[>") + "]]>"
    }
}
