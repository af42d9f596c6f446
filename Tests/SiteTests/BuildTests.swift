import Foundation
import Testing
@testable import Site

@Suite("signals build: pages at their URLs, sections, drafts, site files, layouts, links") struct BuildTests {
    static let basic = """
    -- content/site.yaml --
    title: Test site
    baseURL: https://signals.example/
    path: [learn/b.md, learn/a.md]
    -- content/_index.md --
    ---
    title: Home
    ---
    Welcome.
    -- content/learn/_index.md --
    ---
    title: Learn
    ---
    All lessons.
    -- content/learn/a.md --
    ---
    title: Alpha lesson
    kind: concept
    weight: 2
    date: 2026-01-02
    related: [learn/b.md]
    ---
    # Alpha

    See [the formula](b.md#formula) and [home](../_index.md).
    -- content/learn/b.md --
    ---
    title: Beta lesson
    kind: unit
    weight: 1
    date: 2026-02-03
    ---
    ## Formula

    GPU-hours = GPUs × hours.
    -- content/learn/c.md --
    ---
    title: Gamma lesson
    kind: concept
    weight: 1
    ---
    Body.
    -- content/learn/d.md --
    ---
    title: Draft lesson
    draft: true
    ---
    Not yet.
    -- templates/static/css/site.css --
    body { color: black; }
    """

    @Test func pagesAreWrittenAtTheirURLs() throws {
        let site = try TestSite(Self.basic)
        let result = try site.build()
        #expect(result.pageCount == 5)
        #expect(result.summary.hasPrefix("built 5 pages in "))
        #expect(site.output("index.html")?.contains("<h1>Home</h1>") == true)
        #expect(site.output("learn/index.html")?.contains("<h1>Learn</h1>") == true)
        let alpha = try #require(site.output("learn/a/index.html"))
        #expect(alpha.contains("<title>Alpha lesson · Test site</title>"))
        #expect(alpha.contains("<h1 id=\"alpha\">Alpha</h1>"))
        #expect(alpha.contains("<a href=\"/learn/b/#formula\">the formula</a>"))
        #expect(alpha.contains("<a href=\"/\">home</a>"))
        #expect(alpha.contains("<a class=\"related\" href=\"/learn/b/\">Beta lesson</a>"))
        #expect(site.output("learn/b/index.html")?.contains("<a rel=\"next\" href=\"/learn/a/\">Alpha lesson</a>") == true)
        #expect(site.output("css/site.css") == "body { color: black; }\n")
    }

    @Test func sectionListsGroupByKindOrderedByWeightThenTitle() throws {
        let site = try TestSite(Self.basic)
        try site.build()
        let list = try #require(site.output("learn/index.html"))
        // Beta and Gamma both weigh 1 and Beta sorts first by title, so the unit group comes first;
        // inside the concept group Gamma (1) comes before Alpha (2).
        #expect(list.contains("<h2>Unit</h2><a href=\"/learn/b/\">Beta lesson</a><h2>Concept</h2><a href=\"/learn/c/\">Gamma lesson</a><a href=\"/learn/a/\">Alpha lesson</a>"))
    }

    @Test func draftsAreLeftOutUnlessAsked() throws {
        let site = try TestSite(Self.basic)
        try site.build()
        #expect(!site.exists("learn/d/index.html"))
        try site.build(drafts: true)
        #expect(site.exists("learn/d/index.html"))
    }

    @Test func siteFilesAreWritten() throws {
        let site = try TestSite(Self.basic)
        try site.build()
        let sitemap = try #require(site.output("sitemap.xml"))
        #expect(sitemap.contains("<url><loc>https://signals.example/learn/a/</loc><lastmod>2026-01-02</lastmod></url>"))
        let feed = try #require(site.output("atom.xml"))
        #expect(feed.contains("<updated>2026-02-03T00:00:00Z</updated>"))
        #expect(feed.range(of: "Beta lesson")!.lowerBound < feed.range(of: "Alpha lesson")!.lowerBound, "newest first")
        #expect(site.output("robots.txt") == "User-agent: *\nAllow: /\nSitemap: https://signals.example/sitemap.xml\n")
        #expect(site.output("404.html")?.contains("Page not found") == true)
        #expect(site.output("search-index.json")?.contains("{\"title\":\"Beta lesson\",\"url\":\"/learn/b/\",\"summary\":\"\",\"kind\":\"unit\",\"headings\":[{\"title\":\"Formula\",\"id\":\"formula\",\"text\":\"formula gpu-hours gpus hours\"}],\"text\":\"\"}") == true,
                "the body's words are indexed per section")
    }

    @Test func outputIsByteIdenticalAcrossBuilds() throws {
        let site = try TestSite(Self.basic)
        try site.build()
        let first = site.snapshot()
        try site.build()
        #expect(site.snapshot() == first)
        // 5 pages, 404, sitemap, feed, robots, search index, the stylesheet under its plain and its hashed name, _headers.
        #expect(first.count == 13)
        #expect(first.keys.contains { $0.wholeMatch(of: /css\/site\.[0-9a-f]{8}\.css/) != nil })
    }

    @Test func deletedPagesLeaveNoLeftovers() throws {
        let site = try TestSite(Self.basic)
        try site.build()
        #expect(site.exists("learn/c/index.html"))
        try site.remove("content/learn/c.md")
        try site.build()
        #expect(!site.exists("learn/c/index.html"))
        #expect(!site.exists("learn/c"))
    }

    @Test func rawHTMLFollowsTheSiteSetting() throws {
        let site = try TestSite(Self.basic + "\n-- content/learn/raw.md --\n---\ntitle: Raw\n---\n<b class=\"x\">bold</b>\n")
        try site.build()
        #expect(site.output("learn/raw/index.html")?.contains("<!-- raw HTML omitted -->") == true)
        try site.write("-- content/site.yaml --\ntitle: Test site\nallowRawHTML: true\n")
        try site.build()
        #expect(site.output("learn/raw/index.html")?.contains("<b class=\"x\">bold</b>") == true)
    }

    @Test func tableOfContentsReachesTemplates() throws {
        let site = try TestSite(Self.basic + "\n-- content/learn/long.md --\n---\ntitle: Long\n---\n## One\n\n## Two\n\n### Two and a half\n")
        try site.build()
        #expect(site.output("learn/long/index.html")?.contains("<nav><a href=\"#one\">One</a><a href=\"#two\">Two</a><a href=\"#two-and-a-half\">Two and a half</a></nav>") == true)
    }

    @Test func layoutComesFromFrontMatterThenKind() throws {
        let site = try TestSite(Self.basic + """

        -- templates/unit.mustache --
        UNIT {{page.title}}
        -- templates/special.mustache --
        SPECIAL {{page.title}}
        -- content/learn/e.md --
        ---
        title: Special
        kind: unit
        layout: special
        ---
        x
        """)
        try site.build()
        #expect(site.output("learn/b/index.html") == "UNIT Beta lesson\n")
        #expect(site.output("learn/e/index.html") == "SPECIAL Special\n")
    }

    @Test func urlStyleLinksAreCheckedToo() throws {
        let site = try TestSite(Self.basic + "\n-- content/learn/u.md --\n---\ntitle: U\n---\n[ok](../b/) [css](/css/site.css) [bad](../nope/)\n")
        #expect(site.errors() == ["content/learn/u.md:4:40: error: link to a missing page or file '../nope/' (nothing is built at /learn/nope/)"])
    }
}
