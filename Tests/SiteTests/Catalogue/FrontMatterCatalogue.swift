import Foundation
import Testing
@testable import Site

/// Bad front matter: each case's exact errors, the run's other error too, exit 1, public/ unchanged.
@Suite("Catalogue: front matter")
struct FrontMatterCatalogue {
    @Test("no closing ---")
    func noClosingFence() throws {
        let outcome = try CatalogueSite().breakWith("-- content/learn/x.md --\n---\ntitle: X\n\nBody without a closing fence.\n")
        #expect(outcome.lines == ["content/learn/x.md:1:1: error: front matter is not closed: no '---' line after the opening one"])
    }

    @Test("no front matter at all")
    func noFrontMatter() throws {
        let outcome = try CatalogueSite().breakWith("-- content/learn/x.md --\n# Just a heading\n")
        #expect(outcome.lines == ["content/learn/x.md:1:1: error: missing front matter: a page must start with a '---' line"])
    }

    @Test("a tab indents a key")
    func tabIndentation() throws {
        let outcome = try CatalogueSite().breakWith("-- content/learn/x.md --\n---\ntitle: X\n\tsummary: y\n---\nx\n")
        #expect(outcome.lines == ["content/learn/x.md:3:1: error: invalid YAML: found a tab character that violates indentation"])
        #expect(outcome.diagnostics.first?.hint == "indent YAML with spaces, not tabs")
    }

    @Test("wrong types: title a list, weight a word, draft a word, tags a mapping, related a nested list")
    func wrongTypes() throws {
        let outcome = try CatalogueSite().breakWith(
            "-- content/learn/x.md --\n---\ntitle: [a, b]\nweight: heavy\ndraft: maybe\ntags: {a: b}\nrelated: [[x]]\n---\nx\n")
        #expect(outcome.lines == [
            "content/learn/x.md:2:8: error: 'title' must be text",
            "content/learn/x.md:3:9: error: 'weight' must be a whole number, got 'heavy'",
            "content/learn/x.md:4:8: error: 'draft' must be true or false, got 'maybe'",
            "content/learn/x.md:5:7: error: 'tags' must be a list",
            "content/learn/x.md:6:11: error: each entry of 'related' must be text",
        ])
    }

    @Test("dates that are not dates")
    func badDates() throws {
        let outcome = try CatalogueSite().breakWith("-- content/learn/x.md --\n---\ntitle: X\ndate: 2026-13-01\nupdated: yesterday\n---\nx\n")
        #expect(outcome.lines == [
            "content/learn/x.md:3:7: error: 'date' must be a date written YYYY-MM-DD, got '2026-13-01'",
            "content/learn/x.md:4:10: error: 'updated' must be a date written YYYY-MM-DD, got 'yesterday'",
        ])
    }

    @Test("a day that does not exist, and a date with trailing junk")
    func impossibleDates() throws {
        let outcome = try CatalogueSite().breakWith("-- content/learn/x.md --\n---\ntitle: X\ndate: 2026-02-30\nupdated: 2026-01-05x\n---\nx\n")
        #expect(outcome.lines == [
            "content/learn/x.md:3:7: error: 'date' must be a date written YYYY-MM-DD, got '2026-02-30'",
            "content/learn/x.md:4:10: error: 'updated' must be a date written YYYY-MM-DD, got '2026-01-05x'",
        ])
    }

    @Test("unknown key, with the closest valid key")
    func unknownKey() throws {
        let outcome = try CatalogueSite().breakWith("-- content/learn/x.md --\n---\ntitle: X\nsumary: y\n---\nx\n")
        #expect(outcome.lines == ["content/learn/x.md:3:1: error: unknown front-matter key 'sumary'"])
        #expect(outcome.diagnostics.first?.hint?.hasPrefix("did you mean 'summary'?") == true)
    }

    @Test("duplicate key")
    func duplicateKey() throws {
        let outcome = try CatalogueSite().breakWith("-- content/learn/x.md --\n---\ntitle: X\nsummary: a\ntitle: Y\n---\nx\n")
        #expect(outcome.lines == ["content/learn/x.md:4:1: error: duplicate key 'title'"])
    }

    @Test("missing and empty title")
    func missingTitle() throws {
        let outcome = try CatalogueSite().breakWith(
            "-- content/learn/x.md --\n---\nsummary: no title\n---\nx\n-- content/learn/y.md --\n---\ntitle: \"  \"\n---\ny\n")
        #expect(outcome.lines == [
            "content/learn/x.md:2:1: error: missing required front-matter key 'title'",
            "content/learn/y.md:2:8: error: 'title' must not be empty",
        ])
    }

    @Test("front matter that is a list, not a mapping")
    func notAMapping() throws {
        let outcome = try CatalogueSite().breakWith("-- content/learn/x.md --\n---\n- title\n- X\n---\nx\n")
        #expect(outcome.lines == ["content/learn/x.md:2:1: error: front-matter must be a mapping of `key: value` lines"])
    }

    @Test("bytes that are not UTF-8")
    func notUTF8() throws {
        let bytes = Array("---\ntitle: X\n---\nfine\n".utf8) + [0x62, 0x61, 0x64, 0x20, 0xFF, 0xFE, 0x0A]
        let outcome = try CatalogueSite().breakWith(bytes: ["content/learn/x.md": bytes])
        #expect(outcome.lines == ["content/learn/x.md:5:1: error: the file is not valid UTF-8"])
    }

    @Test("bytes that are not UTF-8 in site.yaml")
    func settingsNotUTF8() throws {
        let bytes = Array("title: Catalogue\n".utf8) + [0xC3, 0x28, 0x0A]
        let outcome = try CatalogueSite().breakWith(bytes: ["content/site.yaml": bytes])
        #expect(outcome.lines == ["content/site.yaml:1: error: the file is not valid UTF-8"])
    }

    @Test("a byte-order mark at the start of a page is accepted")
    func byteOrderMark() throws {
        let catalogue = try CatalogueSite()
        let result = try catalogue.buildsWith(bytes: [
            "content/learn/bom.md": [0xEF, 0xBB, 0xBF] + Array("---\ntitle: With a BOM\n---\nBody.\n".utf8),
        ])
        #expect(result != nil)
        #expect(catalogue.site.output("learn/bom/index.html")?.contains("<h1>With a BOM</h1>") == true)
        #expect(catalogue.site.output("learn/bom/index.html")?.contains("\u{FEFF}") == false)
    }

    @Test("a byte-order mark at the start of site.yaml is accepted")
    func settingsByteOrderMark() throws {
        let catalogue = try CatalogueSite()
        try catalogue.buildsWith(bytes: [
            "content/site.yaml": [0xEF, 0xBB, 0xBF] + Array("title: BOM site\nbaseURL: https://catalogue.example/\nmaxPriceAgeDays: 100000\n".utf8),
        ])
        #expect(catalogue.site.output("index.html")?.contains("· BOM site</title>") == true)
    }

    @Test("CRLF line ends in a page are accepted (with and without a BOM)")
    func crlfPage() throws {
        let catalogue = try CatalogueSite()
        let page = Array("---\r\ntitle: CRLF\r\nsummary: s\r\n---\r\n## Heading\r\n\r\nBody.\r\n".utf8)
        try catalogue.buildsWith(bytes: ["content/learn/crlf.md": page, "content/learn/crlf-bom.md": [0xEF, 0xBB, 0xBF] + page])
        #expect(catalogue.site.output("learn/crlf/index.html")?.contains("<h1>CRLF</h1>") == true)
        #expect(catalogue.site.output("learn/crlf/index.html")?.contains("<h2 id=\"heading\">Heading</h2>") == true)
        #expect(catalogue.site.output("learn/crlf-bom/index.html")?.contains("<h1>CRLF</h1>") == true)
    }

    @Test("a CRLF page with an error points at the right line")
    func crlfPageError() throws {
        let page = Array("---\r\ntitle: X\r\nweight: heavy\r\n---\r\nx\r\n".utf8)
        let outcome = try CatalogueSite().breakWith(bytes: ["content/learn/crlf.md": page])
        #expect(outcome.lines == ["content/learn/crlf.md:3:9: error: 'weight' must be a whole number, got 'heavy'"])
    }
}
