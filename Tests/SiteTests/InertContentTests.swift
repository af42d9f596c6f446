import Foundation
import Testing
@testable import Site

/// Untrusted text — in pages, front matter and data fields — never reaches the output as markup while raw HTML is off:
/// no `<script>` element, no `on…=` event-handler attribute, no `javascript:` URL; directives escape what they interpolate.
@Suite("Inert content")
struct InertContentTests {
    static let script = "<script>alert(1)</script>"
    static let image = "<img src=x onerror=alert(1)>"

    /// A page full of markup attempts.
    static let hostilePage = """
    ---
    title: "\(script) title"
    summary: "\(image) summary"
    tags: ["\(script)"]
    ---
    ## \(script) heading

    Raw \(script) and \(image) inline, and <a href="javascript:alert(1)" onclick="alert(1)">raw link</a>.

    <div onmouseover="alert(1)">raw block</div>

    <script>
    alert("block")
    </script>

    [js](javascript:alert(1)) [JS](JaVaScRiPt:alert(1)) [vb](vbscript:msgbox(1)) [data](data:text/html;base64,PHNjcmlwdD4=)
    <javascript:alert(1)> ![img](javascript:alert(1)) [q](https://example.org "a\\" onmouseover=\\"alert(1)")

    [ref]: javascript:alert(1)
    [ref] and more.

    | \(script) | b |
    |---|---|
    | \(image) | [x](javascript:alert(1)) |

    Figures: `{price gpu=h100-sxm stat=median}` `{spec gpu=h100-sxm field=memory}` `{assumption name=mfu}`.

    ```{prices}
    gpu: h100-sxm
    caption: "\(script) caption"
    ```

    ```{compare}
    gpus: [h100-sxm]
    metrics: [bf16-dense, memory, median-price, usd-per-pflop-hour]
    ```

    ```{price-history}
    gpu: h100-sxm
    ```

    ```{worked-example}
    kind: gpu-hours
    gpus: 8
    hours: 24
    gpu: h100-sxm
    ```
    """

    /// Data files whose text fields carry markup: provider, offer, source, region, note, source URL; an accelerator's name
    /// and vendor; an assumption's label, unit and note; a source title.
    static func hostileData() -> String {
        let accelerators = CatalogueSite.accelerators
            .replacingOccurrences(of: "name: NVIDIA H100 SXM5", with: "name: \"\(script) H100\"")
            .replacingOccurrences(of: "vendor: NVIDIA", with: "vendor: \"\(image)\"")
            .replacingOccurrences(of: "title: \"Stas Bekman\"", with: "title: \"\(script) Stas\"")
        let assumptions = CatalogueSite.assumptions
            .replacingOccurrences(of: "label: MFU", with: "label: \"\(script) MFU\", note: \"\(image)\"")
            .replacingOccurrences(of: "title: \"Judgement\"", with: "title: \"\(image) Judgement\", url: \"https://example.org/\\\"><script>alert(1)</script>\"")
        let rows = [
            "2026-09-22,\"\(script)\",\"\(image)\",h100-sxm,1,2.95,on-demand,\"\(script)\",\"https://x.example/\"\"><script>alert(1)</script>\",\"\(image)\",S,\"\(script)\"",
            "2026-09-23,\"<a href=javascript:alert(1)>Evil</a>\",1x,h100-sxm,1,3.05,on-demand,,https://evil.example/?q=<svg/onload=alert(1)>,R-X,S,",
        ]
        return """
        -- content/data/accelerators.yaml --
        \(accelerators)
        -- content/data/assumptions.yaml --
        \(assumptions)
        -- content/data/prices.csv --
        \((([CatalogueSite.priceHeader] + CatalogueSite.priceRows + rows).joined(separator: "\n")))
        """
    }

    /// One start tag found in HTML: its name and attributes (name → value).
    struct Tag: CustomStringConvertible {
        var name: String
        var attributes: [(String, String)]
        var description: String { "<\(name) \(attributes.map { "\($0.0)=\"\($0.1)\"" }.joined(separator: " "))>" }
    }

    /// The start tags of `html`, read the way a browser's tokenizer would (enough for this check: quoted and bare values).
    static func tags(in html: String) -> [Tag] {
        var tags: [Tag] = []
        let characters = Array(html.unicodeScalars)
        var index = 0
        func isNameCharacter(_ c: Unicode.Scalar) -> Bool { !(c == " " || c == "\n" || c == "\t" || c == "\r" || c == "/" || c == ">" || c == "=") }
        while index < characters.count {
            guard characters[index] == "<", index + 1 < characters.count, characters[index + 1].properties.isAlphabetic else {
                index += 1
                continue
            }
            index += 1
            var name = ""
            while index < characters.count, isNameCharacter(characters[index]) { name.unicodeScalars.append(characters[index]); index += 1 }
            var attributes: [(String, String)] = []
            while index < characters.count, characters[index] != ">" {
                let c = characters[index]
                if c == " " || c == "\n" || c == "\t" || c == "\r" || c == "/" { index += 1; continue }
                var attribute = ""
                while index < characters.count, isNameCharacter(characters[index]) { attribute.unicodeScalars.append(characters[index]); index += 1 }
                var value = ""
                if index < characters.count, characters[index] == "=" {
                    index += 1
                    if index < characters.count, characters[index] == "\"" || characters[index] == "'" {
                        let quote = characters[index]
                        index += 1
                        while index < characters.count, characters[index] != quote { value.unicodeScalars.append(characters[index]); index += 1 }
                        index += 1
                    } else {
                        while index < characters.count, characters[index] != " ", characters[index] != ">" {
                            value.unicodeScalars.append(characters[index]); index += 1
                        }
                    }
                }
                if attribute.isEmpty { index += 1 } else { attributes.append((attribute.lowercased(), value)) }
            }
            tags.append(Tag(name: name.lowercased(), attributes: attributes))
        }
        return tags
    }

    /// Decodes the character references a browser would before reading a URL (`&#106;` → `j`, `&amp;` → `&`).
    static func decodeEntities(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semicolon = after.firstIndex(of: ";"), after.distance(from: after.startIndex, to: semicolon) < 10 else {
                result += "&"
                rest = after
                continue
            }
            let entity = after[..<semicolon]
            let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "#39": "'", "colon": ":", "Tab": "\t", "NewLine": "\n"]
            if let value = named[String(entity)] {
                result += value
            } else if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let code = UInt32(entity.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(code) {
                result.unicodeScalars.append(scalar)
            } else if entity.hasPrefix("#"), let code = UInt32(entity.dropFirst()), let scalar = Unicode.Scalar(code) {
                result.unicodeScalars.append(scalar)
            } else {
                result += "&" + entity + ";"
            }
            rest = after[after.index(after: semicolon)...]
        }
        return result + rest
    }

    /// Every way `tags` could run script: a script/iframe/object/embed element, an `on…` attribute, a scripting URL.
    /// The two elements a live worked example generates (LiveExampleMarkup), exactly: its form, which sends nothing
    /// (no action; the page's script reads it), and its JSON data block, a type browsers never run. Any other form or
    /// script, or these with another attribute, is active markup.
    static func isGeneratedCalculator(_ tag: Tag) -> Bool {
        let attributes = tag.attributes.map { "\($0.0)=\($0.1)" }
        if tag.name == "form" { return attributes == ["class=calc-form", "data-calc-form=", "novalidate="] }
        if tag.name == "script" { return attributes == ["type=application/json", "data-calc-data="] }
        return false
    }

    static func activeMarkup(_ tags: [Tag]) -> [String] {
        var found: [String] = []
        for tag in tags where !isGeneratedCalculator(tag) {
            if ["script", "iframe", "object", "embed", "base", "form", "frame", "frameset", "applet"].contains(tag.name) {
                found.append("element: \(tag)")
            }
            for (name, value) in tag.attributes {
                if name.hasPrefix("on") { found.append("event handler: \(tag)") }
                if ["href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data"].contains(name) {
                    let url = decodeEntities(value).unicodeScalars.filter { $0.value > 0x20 }.map(String.init).joined().lowercased()
                    if url.hasPrefix("javascript:") || url.hasPrefix("vbscript:") || url.hasPrefix("data:text/html") {
                        found.append("scripting URL: \(tag)")
                    }
                }
            }
        }
        return found
    }

    /// Every .html and .xml file of public/, path → text.
    static func markupFiles(_ site: TestSite) -> [String: String] {
        site.snapshot().filter { $0.key.hasSuffix(".html") || $0.key.hasSuffix(".xml") }
            .mapValues { String(decoding: $0, as: UTF8.self) }
    }

    @Test("the tag reader finds what it must (self-check)")
    func scannerSelfCheck() {
        let found = Self.activeMarkup(Self.tags(in: "<p>ok</p><SCRIPT>x</SCRIPT><img src=x onerror=alert(1)><a href=\"&#106;avascript:x\">a</a><a href='java\tscript:y'>"))
        #expect(found.count == 4)
        // Only the calculator's exact form and data block are generated markup; one more attribute makes them active.
        #expect(Self.activeMarkup(Self.tags(in: "<form class=\"calc-form\" data-calc-form novalidate><script type=\"application/json\" data-calc-data>")).isEmpty)
        #expect(Self.activeMarkup(Self.tags(in: "<form class=\"calc-form\" data-calc-form novalidate action=\"https://x/\"><script type=\"application/json\" data-calc-data src=\"x.js\">")).count == 2)
        #expect(Self.activeMarkup(Self.tags(in: "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img onerror=x&gt;</p><a href=\"https://x/\">x</a>")).isEmpty)
    }

    @Test("markup in pages and data fields is escaped, never active, across every page and feed")
    func hostileInputStaysInert() throws {
        let site = try TestSite(CatalogueSite.good + "\n" + Self.hostileData() + "\n-- content/learn/hostile.md --\n" + Self.hostilePage)
        do {
            try site.build()
        } catch {
            Issue.record("the hostile site must build (markup is not an error): \(error.description)")
            return
        }
        let files = Self.markupFiles(site)
        #expect(files.keys.contains("learn/hostile/index.html"))
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            let active = Self.activeMarkup(Self.tags(in: text))
            #expect(active.isEmpty, "\(path): \(active.joined(separator: "; "))")
        }
        let page = try #require(site.output("learn/hostile/index.html"))
        // The text is still there for readers, escaped: the title, the heading, the data fields.
        #expect(page.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt; title</h1>"))
        #expect(page.contains("<!-- raw HTML omitted -->alert(1)<!-- raw HTML omitted --> heading</h2>"), "raw HTML in a heading is omitted")
        #expect(page.contains("<!-- raw HTML omitted -->"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; caption"))
        #expect(page.contains("&lt;a href=javascript:alert(1)&gt;Evil&lt;/a&gt;"), "the provider name is shown as text")
        #expect(page.contains("&lt;img src=x onerror=alert(1)&gt;"), "the offer is shown as text")
        // A data source URL carrying markup only ever appears inside a quoted, escaped attribute.
        #expect(!page.contains("https://x.example/\"><script>"))
        // A calculator's JSON holds the data's labels with <, > and & escaped: nothing in it can end the block.
        for block in page.components(separatedBy: "<script type=\"application/json\" data-calc-data>").dropFirst() {
            let body = block.components(separatedBy: "</script>")[0]
            #expect(!body.contains("<") && !body.contains(">"), "a calculator's data block carries raw markup")
        }
        let json = String(decoding: site.snapshot()["search-index.json"] ?? Data(), as: UTF8.self)
        #expect(!json.contains("</script>"), "search-index.json cannot close a <script> block it is inlined into")
    }

    @Test("the hostile page through the signals binary: same inert output, exit 0")
    func hostileThroughTheBinary() throws {
        let site = try TestSite(CatalogueSite.good + "\n" + Self.hostileData() + "\n-- content/learn/hostile.md --\n" + Self.hostilePage)
        let run = try SignalsBinary.run(["build", "--source", site.root.path, "--no-cache"], in: site.root)
        #expect(run.status == 0, "\(run.stderr)")
        let page = try #require(site.output("learn/hostile/index.html"))
        #expect(Self.activeMarkup(Self.tags(in: page)).isEmpty)
    }

    @Test("with raw HTML off, a raw <script> block or event handler in the body is omitted, not escaped into view")
    func rawHTMLIsOmitted() throws {
        let site = try TestSite(CatalogueSite.good + "\n-- content/learn/raw.md --\n---\ntitle: Raw\n---\n<script>alert(1)</script>\n\nText <b onclick=\"x()\">bold</b>.\n")
        try site.build()
        let page = try #require(site.output("learn/raw/index.html"))
        #expect(Self.activeMarkup(Self.tags(in: page)).isEmpty)
        #expect(!page.contains("<b"))
        #expect(page.contains("<!-- raw HTML omitted -->"))
    }
}
