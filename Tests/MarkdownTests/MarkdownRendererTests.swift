import Testing
@testable import Markdown

@Suite("Markdown to HTML: heading ids, GitHub extensions, raw HTML off") struct MarkdownRendererTests {
    @Test func headingsGetStableUniqueIDs() {
        let result = MarkdownRenderer.render("# What is a GPU-hour?\n\n## Formula\n\ntext\n\n## Formula\n")
        #expect(result.html.contains("<h1 id=\"what-is-a-gpu-hour\">What is a GPU-hour?</h1>"))
        #expect(result.html.contains("<h2 id=\"formula\">Formula</h2>"))
        #expect(result.html.contains("<h2 id=\"formula-1\">Formula</h2>"))
        #expect(result.headings.map(\.id) == ["what-is-a-gpu-hour", "formula", "formula-1"])
        #expect(result.headings.map(\.line) == [1, 3, 7])
    }

    @Test func headingKeepsInlineMarkup() {
        let result = MarkdownRenderer.render("## The `H100` *vs* B200\n")
        #expect(result.html.contains("<h2 id=\"the-h100-vs-b200\">The <code>H100</code> <em>vs</em> B200</h2>"))
        #expect(result.headings.first?.title == "The H100 vs B200")
    }

    @Test func gfmExtensionsAreOn() {
        let source = """
        | a | b |
        |---|--:|
        | 1 | 2 |

        ~~gone~~ and www.example.com

        - [x] done
        - [ ] todo

        Note[^1].

        [^1]: The footnote.
        """
        let html = MarkdownRenderer.render(source).html
        #expect(html.contains("<table>"))
        #expect(html.contains("<td align=\"right\">2</td>"))
        #expect(html.contains("<del>gone</del>"))
        #expect(html.contains("<a href=\"http://www.example.com\">www.example.com</a>"))
        #expect(html.contains("type=\"checkbox\" checked=\"\" disabled=\"\""))
        #expect(html.contains("class=\"footnotes\""))
    }

    @Test func rawHTMLIsOmittedUnlessAllowed() {
        let source = "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b onclick=\"x()\">b</b>\n"
        let safe = MarkdownRenderer.render(source).html
        #expect(!safe.contains("<script"))
        #expect(!safe.contains("onclick"))
        #expect(!safe.contains("javascript:"))
        #expect(safe.contains("<!-- raw HTML omitted -->"))
        let unsafe = MarkdownRenderer.render("<b>bold</b> <xmp>\n", options: MarkdownOptions(allowRawHTML: true)).html
        #expect(unsafe.contains("<b>bold</b>"))
        #expect(unsafe.contains("&lt;xmp>"), "tagfilter still disarms dangerous tags")
    }

    @Test func directivesAndFiguresAreExpandedOthersStayCode() {
        let source = """
        Median: `{price gpu=h100-sxm stat=median}` and `code`.

        ```{compare}
        gpus: [h100-sxm]
        ```

        ```json
        {"a": 1}
        ```
        """
        var seenDirective: FencedDirective?
        var seenFigure: InlineFigure?
        let hooks = MarkdownHooks(
            directive: { seenDirective = $0; return "<table class=\"x\"></table>" },
            inlineFigure: { seenFigure = $0; return "<span>3.99</span>" }
        )
        let html = MarkdownRenderer.render(source, hooks: hooks).html
        #expect(seenDirective == FencedDirective(name: "compare", body: "gpus: [h100-sxm]\n", line: 3))
        #expect(seenFigure == InlineFigure(text: "price gpu=h100-sxm stat=median", line: 1, column: 10))
        #expect(html.contains("<table class=\"x\"></table>"))
        #expect(html.contains("Median: <span>3.99</span> and <code>code</code>."))
        #expect(html.contains("<pre><code class=\"language-json\">"))
    }

    @Test func linksAreReportedWithPositionAndRewritten() {
        let source = "Intro.\n\nSee the [GPU-hour](what-is-a-gpu-hour.md#formula) page.\n"
        let hooks = MarkdownHooks(link: { $0.destination == "what-is-a-gpu-hour.md#formula" ? "/learn/what-is-a-gpu-hour/#formula" : $0.destination })
        let result = MarkdownRenderer.render(source, hooks: hooks)
        #expect(result.links == [LinkReference(destination: "what-is-a-gpu-hour.md#formula", line: 3, column: 20)])
        #expect(result.html.contains("<a href=\"/learn/what-is-a-gpu-hour/#formula\">GPU-hour</a>"))
    }

    @Test func wordCountCountsProse() {
        #expect(MarkdownRenderer.render("One two three.\n\n## Four five\n").wordCount == 5)
    }
}

/// Headings holding links, figures or code: once a use-after-free (the heading was replaced before its links were rewritten).
@Suite("Headings that hold links, figures or code") struct HeadingInlineTests {
    @Test func headingWithALinkAFigureAndCode() {
        let hooks = MarkdownHooks(inlineFigure: { _ in "<b>42</b>" }, link: { _ in "/other/#formula" })
        let result = MarkdownRenderer.render("## See [the formula](other.md#formula), `{price gpu=b200}` and `x`\n\n[]()\n-\n", hooks: hooks)
        #expect(result.html.contains("<h2 id=\"see-the-formula-price-gpub200-and-x\">See <a href=\"/other/#formula\">the formula</a>, <b>42</b> and <code>x</code></h2>"))
        #expect(result.links.map(\.destination) == ["other.md#formula", ""])
    }
}
