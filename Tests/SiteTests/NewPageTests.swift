import Foundation
import Testing
@testable import Site

/// `signals new` (Hugo's `hugo new content`): a draft page that builds with --drafts and is left out otherwise.
@Suite struct NewPageTests {
    static let site = """
    -- content/_index.md --
    ---
    title: Home
    ---
    """

    @Test func aNewPageIsADraftWithItsTitleFromTheFileName() throws {
        let site = try TestSite(Self.site)
        let run = try SignalsBinary.run(["new", "learn/what-is-hbm.md", "--kind", "concept"], in: site.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("created content/learn/what-is-hbm.md (a draft"))
        let text = try site.read("content/learn/what-is-hbm.md")
        #expect(text.hasPrefix("---\ntitle: What is hbm\ndate: "))
        #expect(text.contains("\ndraft: true\nkind: concept\n"))
        #expect(try SiteBuilder.build(BuildOptions(root: site.root, today: TestSite.today)).pageCount == 1)
        let withDrafts = try SiteBuilder.build(BuildOptions(root: site.root, includeDrafts: true, today: TestSite.today))
        #expect(withDrafts.pageCount == 2)
        #expect(site.output("learn/what-is-hbm/index.html")?.contains("<h1>What is hbm</h1>") == true)
    }

    @Test func anExistingFileOrAPathOutsideContentIsRefused() throws {
        let site = try TestSite(Self.site)
        let again = try SignalsBinary.run(["new", "_index.md"], in: site.root)
        #expect(again.status == 1)
        #expect(again.stderr == "error: content/_index.md already exists; choose another name\n")
        let outside = try SignalsBinary.run(["new", "../escape.md"], in: site.root)
        #expect(outside.status == 1)
        #expect(outside.stderr.hasPrefix("error: '../escape.md' must be a Markdown file inside content/"))
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("escape.md").path))
        let kind = try SignalsBinary.run(["new", "learn/x.md", "--kind", "lesson"], in: site.root)
        #expect(kind.stderr.hasPrefix("error: unknown kind 'lesson'; kinds: basics, concept"))
    }
}
