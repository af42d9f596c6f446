import Foundation
import Testing
@testable import Site

/// `taxonomies: [tags]` (Zola's opt-in; Hugo builds the same pages): /tags/, one page per tag, tag links on pages.
@Suite("Tag pages: /tags/, one page per tag, tag links on pages") struct TagPagesTests {
    static let site = """
    -- content/site.yaml --
    title: Tagged
    baseURL: https://tags.example/
    taxonomies: [tags]
    -- content/_index.md --
    ---
    title: Home
    ---
    -- content/learn/a.md --
    ---
    title: Alpha
    weight: 2
    tags: [GPUs, supply chain]
    ---
    A.
    -- content/learn/b.md --
    ---
    title: Beta
    weight: 1
    tags: [gpus]
    ---
    B.
    -- content/learn/c.md --
    ---
    title: Gamma
    ---
    No tags.
    -- templates/lesson.mustache --
    {{<base}}{{$main}}<h1>{{page.title}}</h1>{{#page.tags}}<a class="tag" href="{{url}}">{{name}}</a>{{/page.tags}}{{/main}}{{/base}}
    -- templates/taxonomy.mustache --
    {{<base}}{{$main}}<h1>{{page.title}}</h1>{{#terms}}<a href="{{url}}">{{name}} ({{count}})</a>{{/terms}}{{/main}}{{/base}}
    -- templates/term.mustache --
    {{<base}}{{$main}}<h1>{{page.title}}</h1>{{#term}}{{#pages}}<a href="{{url}}">{{title}}</a>{{/pages}}{{/term}}{{/main}}{{/base}}
    """

    @Test func everyTagHasAPageListingItsPages() throws {
        let site = try TestSite(Self.site)
        try site.build()
        let overview = try #require(site.output("tags/index.html"))
        // "GPUs" and "gpus" are one tag (first spelling wins); tags sort by their URL.
        #expect(overview.contains("<h1>Tags</h1><a href=\"/tags/gpus/\">GPUs (2)</a><a href=\"/tags/supply-chain/\">supply chain (1)</a></main>"))
        let gpus = try #require(site.output("tags/gpus/index.html"))
        #expect(gpus.contains("<h1>Tagged “GPUs”</h1><a href=\"/learn/b/\">Beta</a><a href=\"/learn/a/\">Alpha</a>"), "pages in weight order")
        let alpha = try #require(site.output("learn/a/index.html"))
        #expect(alpha.contains("<a class=\"tag\" href=\"/tags/gpus/\">GPUs</a><a class=\"tag\" href=\"/tags/supply-chain/\">supply chain</a>"))
        let sitemap = try #require(site.output("sitemap.xml"))
        #expect(sitemap.contains("<loc>https://tags.example/tags/supply-chain/</loc>"))
    }

    @Test func withoutTheSettingThereAreNoTagPagesAndTagsAreNotLinked() throws {
        let site = try TestSite(Self.site.replacingOccurrences(of: "taxonomies: [tags]\n", with: ""))
        try site.build()
        #expect(site.output("tags/index.html") == nil)
        #expect(site.output("learn/a/index.html")?.contains("<a class=\"tag\" href=\"\">GPUs</a>") == true)
    }

    @Test func templatesThatTreatTagsAsTextStillWork() throws {
        let site = try TestSite(Self.site + "\n-- templates/lesson.mustache --\n{{<base}}{{$main}}{{#page.tags}}<li>{{.}}</li>{{/page.tags}}{{/main}}{{/base}}\n")
        try site.build()
        #expect(site.output("learn/a/index.html")?.contains("<li>GPUs</li><li>supply chain</li>") == true)
    }

    @Test func anUnknownTaxonomyIsAnErrorAtItsName() throws {
        let site = try TestSite(Self.site.replacingOccurrences(of: "taxonomies: [tags]", with: "taxonomies: [tags, categorys]"))
        let failure = try #require(site.failure())
        #expect(failure.diagnostics.map(\.description) == [
            "content/site.yaml:3:20: error: unknown taxonomy 'categorys'\n  hint: Signals builds pages for: tags (front matter `tags`)",
        ])
    }

    @Test func aMissingTemplateIsAnErrorAtTheSetting() throws {
        let site = try TestSite(Self.site)
        try site.remove("templates/term.mustache")
        let failure = try #require(site.failure())
        #expect(failure.diagnostics.map(\.description) == [
            "content/site.yaml:3:14: error: `taxonomies: [tags]` needs templates/term.mustache, which is missing\n  hint: add the template (see README, Taxonomies), or remove `tags` from taxonomies",
        ])
    }
}
