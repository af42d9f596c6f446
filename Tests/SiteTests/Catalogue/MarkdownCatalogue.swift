import Foundation
import Testing
@testable import Site

/// Markdown that is odd but valid: it must build (no crash, no hang) and its text must reach the page.
@Suite("Catalogue: Markdown edge cases")
struct MarkdownCatalogue {
    static let header = "---\ntitle: Edge\n---\n"

    @Test("a 10 MB page builds, with its links checked and its last line rendered")
    func tenMegabytePage() throws {
        let paragraph = "Words about *GPU-hours*, with [a link](gpu-hour.md#formula) and `code` and **bold** text; "
            + String(repeating: "filler words here ", count: 20) + "\n\n"
        let count = 10_000_000 / paragraph.utf8.count + 1
        let body = String(repeating: paragraph, count: count) + "The very last line.\n"
        #expect(body.utf8.count >= 10_000_000)
        let catalogue = try CatalogueSite()
        let started = Date()
        try catalogue.buildsWith(bytes: ["content/learn/big.md": Array((Self.header + body).utf8)])
        #expect(Date().timeIntervalSince(started) < 120, "a 10 MB page builds in under two minutes")
        let html = try #require(catalogue.site.output("learn/big/index.html"))
        #expect(html.contains("<p>The very last line.</p>"))
        #expect(html.components(separatedBy: "href=\"/learn/gpu-hour/#formula\"").count - 1 == count)
    }

    @Test("10,000 nested block quotes build")
    func nestedQuotes() throws {
        let body = String(repeating: "> ", count: 10_000) + "deep\n"
        let catalogue = try CatalogueSite()
        try catalogue.buildsWith(bytes: ["content/learn/deep.md": Array((Self.header + body).utf8)])
        let html = try #require(catalogue.site.output("learn/deep/index.html"))
        #expect(html.contains("deep"))
        #expect(html.components(separatedBy: "<blockquote>").count - 1 == 10_000)
    }

    @Test("10,000 nested lists and brackets build")
    func nestedListsAndBrackets() throws {
        var lists = ""
        for depth in 0..<2_000 { lists += String(repeating: "  ", count: depth) + "- item \(depth)\n" }
        let brackets = String(repeating: "[", count: 10_000) + "x" + String(repeating: "](gpu-hour.md)", count: 3) + "\n\n"
            + String(repeating: "*", count: 10_000) + "emphasis" + String(repeating: "*", count: 10_000) + "\n"
        let catalogue = try CatalogueSite()
        try catalogue.buildsWith(bytes: ["content/learn/deep.md": Array((Self.header + lists + "\n" + brackets).utf8)])
        let html = try #require(catalogue.site.output("learn/deep/index.html"))
        #expect(html.contains("item 1999"))
    }

    @Test("a NUL byte in the body builds; it becomes U+FFFD, and the text after it is kept")
    func nulByte() throws {
        let bytes = Array((Self.header + "before").utf8) + [0x00] + Array(" after\n\nA `code\u{0}span` and [link](gpu-hour.md).\n".utf8)
        let catalogue = try CatalogueSite()
        try catalogue.buildsWith(bytes: ["content/learn/nul.md": bytes])
        let html = try #require(catalogue.site.output("learn/nul/index.html"))
        #expect(html.contains("before\u{FFFD} after"))
        #expect(html.contains("<code>code\u{FFFD}span</code>"))
        #expect(!html.contains("\u{0}"))
    }

    @Test("a NUL byte in front matter is a located error, not a crash")
    func nulInFrontMatter() throws {
        let bytes = Array("---\ntitle: A".utf8) + [0x00] + Array("B\n---\nx\n".utf8)
        let outcome = try CatalogueSite().breakWith(bytes: ["content/learn/nul.md": bytes])
        #expect(outcome.lines == ["content/learn/nul.md:2:9: error: invalid YAML: control characters are not allowed"])
    }

    @Test("a NUL byte inside a directive body is a located error, not a crash")
    func nulInDirective() throws {
        let bytes = Array((Self.header + "```{prices}\ngpu: h100").utf8) + [0x00] + Array("-sxm\n```\n".utf8)
        let outcome = try CatalogueSite().breakWith(bytes: ["content/learn/nul.md": bytes])
        #expect(outcome.lines.count == 1)
        #expect(outcome.lines.first?.hasPrefix("content/learn/nul.md:5:") == true)
    }
}
