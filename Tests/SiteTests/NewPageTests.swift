import Foundation
import Testing
@testable import Site

/// `signals new` (Hugo's `hugo new content`): a draft page that builds with --drafts and is left out otherwise.
@Suite("signals new: a draft page that builds with --drafts") struct NewPageTests {
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
        #expect(text.hasPrefix("---\ntitle: What is HBM\nsummary: \"TODO: one sentence"))
        #expect(text.contains("\nkind: concept  # basics | concept | unit"))
        #expect(text.contains("\nweight: 10\n"))
        #expect(text.contains("\ndraft: true\n"))
        #expect(try SiteBuilder.build(BuildOptions(root: site.root, today: TestSite.today)).pageCount == 1)
        let withDrafts = try SiteBuilder.build(BuildOptions(root: site.root, includeDrafts: true, today: TestSite.today))
        #expect(withDrafts.pageCount == 2)
        #expect(site.output("learn/what-is-hbm/index.html")?.contains("<h1>What is HBM</h1>") == true)
    }

    @Test func theFrontMatterIsCompleteWithTheWeightAfterTheLastPageAndTheSourceDate() throws {
        let site = try TestSite(Self.site + """

        -- content/learn/_index.md --
        ---
        title: Learn
        weight: 0
        ---
        -- content/learn/a.md --
        ---
        title: A
        weight: 20
        ---
        -- content/learn/b.md --
        ---
        title: B
        weight: 35  # after A
        ---
        """)
        let run = try SignalsBinary.run(["new", "learn/h100-vs-mi300x-for-llm-inference.md"], in: site.root, environment: ["SOURCE_DATE_EPOCH": "1795694400"])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try site.read("content/learn/h100-vs-mi300x-for-llm-inference.md")
        #expect(text.hasPrefix("""
        ---
        title: H100 vs MI300X for LLM inference
        summary: "TODO: one sentence on what the reader learns; shown on cards, in search and in link previews"
        kind: concept  # basics | concept | unit | compare | workloads | market | reference
        weight: 40
        date: 2026-11-26
        draft: true

        """))
        let built = try SiteBuilder.build(BuildOptions(root: site.root, includeDrafts: true, today: TestSite.today))
        #expect(built.pageCount == 5)
    }

    @Test("Titles are cased as a person would", arguments: [
        ("what-is-hbm", "What is HBM"),
        ("what-gpus-do-differently", "What GPUs do differently"),
        ("h100-vs-h200-vs-b200", "H100 vs H200 vs B200"),
        ("the-cost-of-ai-compute", "The cost of AI compute"),
        ("tpu_vs_gpu", "TPU vs GPU"),
        ("flops-per-dollar", "FLOPS per dollar"),
        ("nvlink-and-pcie", "NVLink and PCIe"),
        ("_index", "Index"),
    ])
    func titles(file: String, title: String) {
        #expect(NewPage.title(fromFileName: file) == title)
    }

    @Test func versionNamesSignalsAndCmarkGFM() throws {
        let site = try TestSite(Self.site)
        let run = try SignalsBinary.run(["--version"], in: site.root)
        #expect(run.status == 0)
        let pattern = /signals \d+\.\d+\.\d+ \(cmark-gfm \d+\.\d+\.\d+\.gfm\.\d+\)\n/
        #expect(run.stdout.wholeMatch(of: pattern) != nil, "\(run.stdout)")
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
