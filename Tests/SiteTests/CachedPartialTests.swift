import Foundation
import Testing
@testable import Site

/// Cached partials (Hugo's `partialCached`): templates/partials/cached/<name>.mustache, rendered once per section.
@Suite("Cached partials: rendered once per section") struct CachedPartialTests {
    static let site = """
    -- content/_index.md --
    ---
    title: Home
    ---
    -- content/learn/_index.md --
    ---
    title: Learn
    ---
    -- content/learn/a.md --
    ---
    title: Alpha
    ---
    -- content/about/_index.md --
    ---
    title: About
    ---
    -- content/about/b.md --
    ---
    title: Beta
    ---
    -- templates/base.mustache --
    <!doctype html><title>{{$title}}{{page.title}}{{/title}}</title>{{{cached.nav}}}<main>{{$main}}{{/main}}</main>
    -- templates/partials/cached/nav.mustache --
    <nav>{{#nav}}<a href="{{url}}"{{#isCurrent}} aria-current="page"{{/isCurrent}}>{{title}}</a>{{/nav}}</nav>
    """

    @Test func eachPageGetsTheNavigationOfItsSection() throws {
        let site = try TestSite(Self.site)
        try site.build()
        #expect(site.output("learn/a/index.html")?.contains("<nav><a href=\"/about/\">About</a><a href=\"/learn/\" aria-current=\"page\">Learn</a></nav>") == true)
        #expect(site.output("about/b/index.html")?.contains("<nav><a href=\"/about/\" aria-current=\"page\">About</a><a href=\"/learn/\">Learn</a></nav>") == true)
        #expect(site.output("index.html")?.contains("<nav><a href=\"/about/\">About</a><a href=\"/learn/\">Learn</a></nav>") == true)
    }

    @Test func aMissingCachedPartialIsAnError() throws {
        let site = try TestSite(Self.site)
        try site.remove("templates/partials/cached/nav.mustache")
        let failure = try #require(site.failure())
        #expect(failure.diagnostics.map(\.description).first?.hasPrefix("templates/base.mustache:1:") == true)
        #expect(failure.diagnostics.map(\.description).first?.contains("uses 'partials/cached/nav', which does not exist") == true)
    }

    @Test func changingTheCachedPartialRendersThePagesAgain() throws {
        let site = try TestSite(Self.site)
        try site.buildIncrementally()
        try site.write("-- templates/partials/cached/nav.mustache --\n<nav class=\"v2\">{{#nav}}{{title}}{{/nav}}</nav>\n")
        try site.buildIncrementally()
        #expect(site.output("learn/a/index.html")?.contains("<nav class=\"v2\">AboutLearn</nav>") == true)
    }
}
