import Foundation
import Testing
@testable import Site

/// Link previews: description, canonical, OpenGraph and Twitter tags, and a 1200×630 PNG card per page.
@Suite("Link previews: meta tags and a 1200×630 card per page") struct SocialCardTests {
    static let site = """
    -- content/site.yaml --
    title: Test site
    baseURL: https://signals.example/
    description: The site's description.
    -- content/_index.md --
    ---
    title: Home
    ---
    Welcome.
    -- content/learn/_index.md --
    ---
    title: Learn
    ---
    -- content/learn/what-is-hbm.md --
    ---
    title: What is HBM and why does every accelerator need so much of it
    summary: Stacked memory beside the chip.
    ---
    Body.
    -- templates/base.mustache --
    <!doctype html><head>
    <meta name="description" content="{{$description}}{{site.description}}{{/description}}">
    {{#page.permalink}}<link rel="canonical" href="{{.}}">{{/page.permalink}}
    <meta property="og:title" content="{{page.title}}">
    <meta property="og:description" content="{{$description}}{{site.description}}{{/description}}">
    {{#page.card}}<meta property="og:image" content="{{.}}">{{/page.card}}
    <meta name="twitter:card" content="{{#page.card}}summary_large_image{{/page.card}}{{^page.card}}summary{{/page.card}}">
    </head><main>{{$main}}{{/main}}</main>
    -- templates/lesson.mustache --
    {{<base}}{{$description}}{{page.summary}}{{/description}}{{$main}}<h1>{{page.title}}</h1>{{/main}}{{/base}}
    -- templates/cards/social.mustache --
    <svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"><rect width="1200" height="630" fill="#123"/>
    <text x="60" y="100" font-size="40" fill="#fff">{{site.title}}</text>
    <text x="60" y="200" font-size="60" fill="#fff">{{#card.titleLines}}<tspan x="60" dy="70">{{text}}</tspan>{{/card.titleLines}}</text></svg>
    """

    @Test func everyPageHasSharingTagsAndA1200x630Card() throws {
        let site = try TestSite(Self.site)
        try site.build()
        let lesson = try #require(site.output("learn/what-is-hbm/index.html"))
        #expect(lesson.contains("<meta name=\"description\" content=\"Stacked memory beside the chip.\">"))
        #expect(lesson.contains("<link rel=\"canonical\" href=\"https://signals.example/learn/what-is-hbm/\">"))
        #expect(lesson.contains("<meta property=\"og:description\" content=\"Stacked memory beside the chip.\">"))
        #expect(lesson.contains("<meta property=\"og:image\" content=\"https://signals.example/learn/what-is-hbm/card.png\">"))
        #expect(lesson.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"))
        for path in ["card.png", "learn/card.png", "learn/what-is-hbm/card.png"] {
            let png = try #require(FileManager.default.contents(atPath: site.root.appendingPathComponent("public/" + path).path), "\(path)")
            #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            // IHDR: width and height, big-endian, at bytes 16–23.
            let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
            let height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
            #expect(width == 1200 && height == 630, "\(path) is \(width)×\(height)")
        }
        // Cached by the SVG's hash under .signals-cache/cards/.
        let cached = try FileManager.default.contentsOfDirectory(atPath: site.root.appendingPathComponent(".signals-cache/cards").path)
        #expect(cached.filter { $0.hasSuffix(".png") }.count == 3)
    }

    @Test func cardsAreByteIdenticalAndOnlyChangedCardsAreDrawnAgain() throws {
        let site = try TestSite(Self.site)
        try site.build()
        let first = site.snapshot()
        try site.remove("public")
        try site.remove(".signals-cache")
        try site.build()
        #expect(site.snapshot()["learn/what-is-hbm/card.png"] == first["learn/what-is-hbm/card.png"])
        #expect(site.snapshot() == first)
        try site.write("-- content/learn/what-is-hbm.md --\n---\ntitle: What is HBM\n---\nBody.\n")
        try site.build()
        #expect(site.snapshot()["learn/what-is-hbm/card.png"] != first["learn/what-is-hbm/card.png"])
        #expect(site.snapshot()["card.png"] == first["card.png"])
        let cached = try FileManager.default.contentsOfDirectory(atPath: site.root.appendingPathComponent(".signals-cache/cards").path)
        #expect(cached.filter { $0.hasSuffix(".png") }.count == 4)
    }

    @Test func withoutTheCardTemplateThereAreNoCardsAndASummaryCard() throws {
        let site = try TestSite(Self.site)
        try site.remove("templates/cards/social.mustache")
        try site.build()
        #expect(!site.exists("card.png"))
        let lesson = try #require(site.output("learn/what-is-hbm/index.html"))
        #expect(!lesson.contains("og:image"))
        #expect(lesson.contains("<meta name=\"twitter:card\" content=\"summary\">"))
    }

    @Test func titlesWrapIntoAtMostThreeLines() {
        #expect(SocialCards.wrap("What is HBM and why does every accelerator need so much of it")
            == ["What is HBM and why does", "every accelerator need", "so much of it"])
        #expect(SocialCards.wrap(String(repeating: "word ", count: 30)).count == 3)
        #expect(SocialCards.wrap(String(repeating: "word ", count: 30)).last?.hasSuffix("…") == true)
    }
}
