import Foundation
import Testing
@testable import Site

/// Each bad input: the exact error text with file:line:column, every error at once, and public/ untouched.
@Suite("Bad input: every error at once with file:line:column, public/ untouched") struct BuildErrorTests {
    static let home = "-- content/_index.md --\n---\ntitle: Home\n---\nHi.\n"

    func errors(_ files: String) throws -> [String] {
        try TestSite(Self.home + files).errors()
    }

    @Test func badYAML() throws {
        #expect(try errors("-- content/x.md --\n---\ntitle: [unclosed\n---\nx\n") == [
            "content/x.md:3:1: error: invalid YAML: did not find expected ',' or ']'",
        ])
    }

    @Test func unknownKeySuggestsTheClosest() throws {
        let site = try TestSite(Self.home + "-- content/x.md --\n---\ntitle: X\ntitel: Y\n---\nx\n")
        let failure = try #require(site.failure())
        #expect(failure.diagnostics.map(\.description) == [
            "content/x.md:3:1: error: unknown front-matter key 'titel'\n  hint: did you mean 'title'? valid keys: title, summary, kind, tags, weight, related, draft, date, updated, layout",
        ])
    }

    @Test func missingTitle() throws {
        #expect(try errors("-- content/x.md --\n---\nsummary: no title\n---\nx\n") == [
            "content/x.md:2:1: error: missing required front-matter key 'title'",
        ])
    }

    @Test func wrongTypesAndDates() throws {
        #expect(try errors("-- content/x.md --\n---\ntitle: X\nweight: heavy\ndraft: maybe\ndate: 2026-13-01\n---\nx\n") == [
            "content/x.md:3:9: error: 'weight' must be a whole number, got 'heavy'",
            "content/x.md:4:8: error: 'draft' must be true or false, got 'maybe'",
            "content/x.md:5:7: error: 'date' must be a date written YYYY-MM-DD, got '2026-13-01'",
        ])
    }

    @Test func frontMatterNotClosed() throws {
        #expect(try errors("-- content/x.md --\n---\ntitle: X\n\nBody without a closing fence.\n") == [
            "content/x.md:1:1: error: front matter is not closed: no '---' line after the opening one",
        ])
    }

    @Test func brokenLinkSuggestsTheClosestPage() throws {
        let site = try TestSite(Self.home + "-- content/learn/gpu-hour.md --\n---\ntitle: G\n---\n## Formula\n-- content/learn/x.md --\n---\ntitle: X\n---\nIntro.\n\nSee [it](gpu-hours.md).\n")
        let failure = try #require(site.failure())
        #expect(failure.diagnostics.map(\.description) == [
            "content/learn/x.md:6:10: error: link to a missing page 'gpu-hours.md' (no content/learn/gpu-hours.md)\n  hint: did you mean 'learn/gpu-hour.md'? (paths are relative to content/)",
        ])
    }

    @Test func brokenAnchor() throws {
        #expect(try errors("-- content/learn/g.md --\n---\ntitle: G\n---\n## Formula\n-- content/learn/x.md --\n---\ntitle: X\n---\n[f](g.md#formul) [self](#nowhere)\n") == [
            "content/learn/x.md:4:5: error: link to a missing anchor '#formul' in content/learn/g.md",
            "content/learn/x.md:4:25: error: link to a missing anchor '#nowhere' in content/learn/x.md",
        ])
    }

    @Test func brokenRelatedEntry() throws {
        #expect(try errors("-- content/learn/x.md --\n---\ntitle: X\nrelated:\n  - learn/y.md\n---\nx\n") == [
            "content/learn/x.md:4:5: error: related page 'learn/y.md' does not exist",
        ])
    }

    @Test func brokenLinksCanBeWarnings() throws {
        let site = try TestSite(Self.home + "-- content/site.yaml --\nbrokenLinks: warning\n-- content/x.md --\n---\ntitle: X\n---\n[a](missing.md)\n")
        let result = try site.build()
        #expect(result.warnings.map(\.description) == ["content/x.md:4:5: warning: link to a missing page 'missing.md' (no content/missing.md)\n  hint: write the path of a page inside content/, e.g. 'learn/what-is-a-gpu-hour.md'"])
        #expect(site.failure(strict: true) != nil, "--strict turns the warning into a failure")
    }

    @Test func unknownLayout() throws {
        #expect(try errors("-- content/x.md --\n---\ntitle: X\nlayout: lessson\n---\nx\n") == [
            "content/x.md:3:9: error: unknown layout 'lessson': there is no templates/lessson.mustache",
        ])
    }

    @Test func templateParseErrorHasItsLine() throws {
        #expect(try errors("-- templates/lesson.mustache --\n<h1>{{page.title}}</h1>\n{{#page.related}}\n<a>{{title}}</a>\n{{/page.relatd}}\n<footer></footer>") == [
            "templates/lesson.mustache:4:4: error: template syntax error: a closing tag does not match the section it closes",
        ])
    }

    @Test func missingPartialAndInheritanceLoop() throws {
        #expect(try errors("-- templates/lesson.mustache --\n{{>partials/nav}}\n-- templates/a.mustache --\n{{<b}}{{/b}}\n-- templates/b.mustache --\n{{<a}}{{/a}}\n") == [
            "templates/a.mustache:1:1: error: templates include each other in a loop: a → b → a",
            "templates/b.mustache:1:1: error: templates include each other in a loop: b → a → b",
            "templates/lesson.mustache:1:1: error: template 'lesson' uses 'partials/nav', which does not exist",
        ])
    }

    @Test func missingFolders() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("signals-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        #expect(throws: BuildFailure.self) { try SiteBuilder.build(BuildOptions(root: root)) }
        do {
            _ = try SiteBuilder.build(BuildOptions(root: root))
        } catch {
            #expect(error.diagnostics.map(\.message) == ["no content/ folder in \(root.path)", "no templates/ folder in \(root.path)"])
        }
    }

    @Test func samePageURLTwice() throws {
        #expect(try errors("-- content/learn.md --\n---\ntitle: L\n---\nx\n-- content/learn/_index.md --\n---\ntitle: Learn\n---\n") == [
            "content/learn/_index.md:1:1: error: content/learn/_index.md and content/learn.md both map to the URL /learn/",
        ])
    }

    @Test func everyErrorIsReportedAndPublicIsUnchanged() throws {
        let site = try TestSite(BuildTests.basic)
        try site.build()
        let before = site.snapshot()
        try site.write("""
        -- content/learn/a.md --
        ---
        title: Alpha lesson
        ---
        [x](nowhere.md)
        -- content/learn/e.md --
        ---
        title: Epsilon
        colour: red
        ---
        -- content/learn/b.md --
        ---
        title: [broken
        ---
        """)
        try site.remove("content/learn/c.md")
        let failure = try #require(site.failure())
        #expect(failure.errorCount == 3)
        #expect(failure.diagnostics.map(\.location.description) == ["content/learn/a.md:4:5", "content/learn/b.md:3:1", "content/learn/e.md:3:1"])
        #expect(site.snapshot() == before, "a failed build leaves public/ exactly as it was")
    }
}

extension TestSite {
    func failure(strict: Bool) -> BuildFailure? {
        do {
            try build(strict: strict)
            return nil
        } catch {
            return error
        }
    }
}
