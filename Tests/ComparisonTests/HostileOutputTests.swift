import ELFFacts
import Foundation
import Testing
@testable import Model
@testable import Reporting

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Program output that tries to break out of every format, through every writer: the terminal text,
/// JSON, junit.xml, summary.md and index.html.
@Suite struct HostileOutputTests {
    static let invalidUTF8 = String(decoding: [0x41, 0xFF, 0xFE, 0xC3, 0x28, 0x42] as [UInt8], as: UTF8.self)
    static let hostile = "\u{1B}[31m<script>alert(1)</script>\u{1B}[0m ]]> \"quote\" 'single' | `tick` *em* [x](y) & \u{0}nul \u{07}bell \u{08}\u{0B}\u{0C}\u{7F}\u{85}"
        + "\u{1B}]0;title\u{07} \(invalidUTF8)\nsecond line\r\n"

    /// A run whose every string a program or a file could set is hostile, compared with a calm baseline.
    static func context() throws -> ReportContext {
        let h = hostile
        var evil = Reports.cell("evil<i>", status: .fail, stdout: h, stdoutChecked: false)
        evil.reason = "expected exit 0, got 1: " + h
        evil.violations = [Violation("nx_stack", h)]
        evil.notes = [h]
        evil.commands = [
            CommandRecord(step: .compile, argv: ["gcc", h, "-o", "a b"], cwd: "/w/" + h, env: ["X": h], exitCode: 0, stdout: h, stderr: h),
            CommandRecord(step: .run, argv: ["./prog"], cwd: "/w", exitCode: 1, stdout: h, stderr: h),
        ]
        var facts = Reports.facts()
        facts.comment = [h]
        facts.runpath = [h]
        evil.elf = facts
        let regressed = Reports.cell("out", stdout: h, stdoutChecked: false)
        let divergent = Reports.cell("out", link: "static", stdout: "calm\n", stdoutChecked: false)
        let old = Reports.report([Reports.cell("evil<i>", stdout: "calm\n", stdoutChecked: false), Reports.cell("out", stdout: "calm\n", stdoutChecked: false)])
        let new = Reports.report([evil, regressed, divergent])
        let comparison = try Comparator.compare(old: old, new: new)
        #expect(!comparison.regressions.isEmpty)
        #expect(!comparison.divergences.isEmpty)
        return ReportContext(report: new, comparison: comparison)
    }

    /// Bytes no writer may pass through: NUL, BEL, ESC and the other C0 controls but tab, newline and CR.
    static func expectNoControlCharacters(_ s: String, _ writer: String) {
        let bad = s.unicodeScalars.filter { ($0.value < 0x20 && ![0x09, 0x0A, 0x0D].contains($0.value)) || $0.value == 0x7F }
        #expect(bad.isEmpty, "\(writer) carries control characters \(bad.map { $0.value })")
    }

    @Test func terminalText() throws {
        let c = try #require(try Self.context().comparison)
        Self.expectNoControlCharacters(ComparisonText.render(c, color: false), "text")
    }

    @Test func json() throws {
        let c = try #require(try Self.context().comparison)
        let text = ComparisonJSON.render(c)
        Self.expectNoControlCharacters(text, "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let regressions = try #require(object["regressions"] as? [[String: Any]])
        #expect(regressions.contains { ($0["after"] as? String)?.contains("<script>alert(1)</script>") == true })
    }

    @Test func junitParsesAsXMLAndKeepsTheTextReadable() throws {
        let xml = JUnitWriter.render(try Self.context())
        Self.expectNoControlCharacters(xml, "junit")
        #expect(xml.contains("]]]]><![CDATA[>"))
        #expect(!xml.contains("\u{FFFE}"))
        let collector = XMLCollector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = collector
        #expect(parser.parse(), "junit.xml is not well-formed: \(String(describing: parser.parserError))")
        #expect(collector.testcases == 3)
        #expect(collector.failureMessages.contains { $0.contains("<script>alert(1)</script>") && $0.contains("\"quote\"") })
        #expect(collector.text.contains("<script>alert(1)</script> ]]> \"quote\""))
        #expect(collector.text.contains("\u{FFFD}"))
    }

    @Test func markdownTablesKeepTheirColumns() throws {
        let md = MarkdownSummary.render(try Self.context())
        Self.expectNoControlCharacters(md, "markdown")
        #expect(!md.contains("<script"))
        #expect(!md.contains("<i>"))
        #expect(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        for line in md.split(separator: "\n") where line.hasPrefix("|") {
            let chars = Array(line)
            let backticks = chars.indices.filter { chars[$0] == "`" && ($0 == 0 || chars[$0 - 1] != "\\") }
            #expect(backticks.isEmpty, "an unescaped backtick in \(line)")
        }
        let lines = md.split(separator: "\n", omittingEmptySubsequences: false)
        let regressionRows = lines.drop { !$0.hasPrefix("| Cell | Kind") }.prefix { !$0.isEmpty }
        #expect(regressionRows.count == 5)
        for row in regressionRows {
            let chars = Array(row)
            let separators = chars.indices.filter { chars[$0] == "|" && ($0 == 0 || chars[$0 - 1] != "\\") }.count
            #expect(separators == 6, "a regressions row split into other columns: \(row)")
        }
    }

    @Test func htmlEscapesEverything() throws {
        let html = HTMLReport.render(try Self.context())
        Self.expectNoControlCharacters(html, "html")
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<i>"))
        #expect(!html.contains("\"quote\""))
        #expect(!html.contains("'single'"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot;quote&quot;"))
        #expect(html.components(separatedBy: "<script").count == 2, "only the page's own script")
        #expect(!html.contains("http://") && !html.contains("https://"), "nothing loaded from the network")
        #expect(html.contains("\u{FFFD}"))
    }

    @Test func escapingUnits() {
        #expect(XMLText.cdata("a]]>b") == "<![CDATA[a]]]]><![CDATA[>b]]>")
        #expect(XMLText.attribute("<\"&'\n\u{0}") == "&lt;&quot;&amp;&apos;&#10;")
        #expect(SafeText.clean("\u{1B}[1;31mred\u{1B}[0m\u{1B}]0;t\u{07}!\u{0}") == "red!")
        #expect(MarkdownText.cell("a|b`c\nd<e>") == "a\\|b\\`c d&lt;e&gt;")
        #expect(HTMLText.escape("<a href='x'>\"&\"</a>") == "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;")
    }
}

/// Collects what a junit.xml says, as a CI system's parser would read it.
private final class XMLCollector: NSObject, XMLParserDelegate {
    var testcases = 0
    var failureMessages: [String] = []
    var text = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == "testcase" { testcases += 1 }
        if name == "failure", let m = attributes["message"] { failureMessages.append(m) }
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) { text += String(decoding: block, as: UTF8.self) }
    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
}
