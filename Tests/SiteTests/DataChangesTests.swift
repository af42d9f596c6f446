import Foundation
import Testing
@testable import Site

/// The What changed table is the history of the figures, computed from the dated rows alone.
@Suite("The What changed table: the history of the figures from the dated rows") struct DataChangesTests {
    @Test func eachMoveOfAMedianIsListedWithTheRowsThatMovedIt() throws {
        let site = try TestSite("""
        -- content/_index.md --
        ---
        title: Home
        ---
        -- content/learn/changes.md --
        ---
        title: What changed
        ---
        ```{data-changes}
        limit: 10
        ```
        -- content/learn/h100.md --
        ---
        title: H100 price
        ---
        The median is `{price gpu=h100-sxm type=on-demand stat=median}`.
        -- content/learn/table.md --
        ---
        title: Table
        ---
        ```{prices}
        gpu: h100-sxm
        type: on-demand
        ```
        -- content/learn/specs.md --
        ---
        title: Specs
        ---
        BF16: `{spec gpu=h100-sxm field=bf16-dense}` (no price: not listed).
        """)
        try site.copyFrozenData()
        let header = "date,provider,offer,gpu,gpus,usd_per_hour,type,region,source_url,source,confidence,note"
        let rows = [
            "2026-01-01,Alpha,1x,h100-sxm,1,2.00,on-demand,,https://example.org/a,R-A,S,",
            "2026-02-01,Beta,8x,h100-sxm,8,32.00,on-demand,,https://example.org/b,R-B,S,",
            "2026-03-01,Alpha,1x,h100-sxm,1,3.00,on-demand,,https://example.org/a,R-A,S,",
            "2026-03-15,Beta,8x,h100-sxm,8,32.00,on-demand,,https://example.org/b,R-B,S,",
        ]
        try Data(([header] + rows).joined(separator: "\n").utf8).write(to: site.root.appendingPathComponent("content/data/prices.csv"))
        try site.build()
        let html = try #require(site.output("learn/changes/index.html"))
        let body = try #require(html.components(separatedBy: "<tbody>").last?.components(separatedBy: "</tbody>").first)
        let lines = body.components(separatedBy: "<tr>").dropFirst().map { row in
            row.replacingOccurrences(of: "<[^>]+>", with: "|", options: .regularExpression)
                .split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " | ")
        }
        // Hand-checked: the median of each provider's latest price. 2026-03-15 repeats Beta's price and moves nothing.
        // Shown on: the two pages computed from H100 on-demand rows (not the spec page, not this one).
        #expect(lines == [
            "2026-03-01 | median on-demand price of NVIDIA H100 SXM5 | $3.00 | $3.50 | Alpha · 1x $3.00 ( | R-A | ↗ | ) | H100 price | , | Table",
            "2026-02-01 | median on-demand price of NVIDIA H100 SXM5 | $2.00 | $3.00 | Beta · 8x $4.00 ( | R-B | ↗ | ) | H100 price | , | Table",
            "2026-01-01 | median on-demand price of NVIDIA H100 SXM5 | — | $2.00 | Alpha · 1x $2.00 ( | R-A | ↗ | ) | H100 price | , | Table",
        ])
        // Each source code links to its entry in the sources list on /data/, the arrow to where the price was read.
        #expect(body.contains("<a href=\"/data/#source-r-a\">R-A</a> <a href=\"https://example.org/a\" aria-label=\"R-A: where the price was read\">↗</a>"))
        #expect(body.contains("<td><a href=\"/learn/h100/\">H100 price</a>, <a href=\"/learn/table/\">Table</a></td></tr>"))
        #expect(site.output("learn/changes/data-changes-1.csv")?.contains("2026-02-01,h100-sxm,on-demand,median on-demand price of NVIDIA H100 SXM5,2,3,\"Beta, 8x, 4\",/learn/h100/ /learn/table/") == true)
    }

    /// The pages column follows the pages, not only the data: an incremental build after a page starts (or stops)
    /// showing a pair's prices lists it exactly as a clean build does.
    @Test func thePagesColumnFollowsPageEditsInIncrementalBuilds() throws {
        let site = try TestSite("""
        -- content/_index.md --
        ---
        title: Home
        ---
        -- content/learn/changes.md --
        ---
        title: What changed
        ---
        ```{data-changes}
        limit: 500
        ```
        -- content/learn/one.md --
        ---
        title: One
        ---
        Nothing priced yet.
        """)
        try site.copyFrozenData()
        try site.buildIncrementally()
        #expect(site.output("learn/changes/index.html")?.contains("<a href=\"/learn/one/\">One</a>") == false)
        try site.write("-- content/learn/one.md --\n---\ntitle: One\n---\nNow `{price gpu=h100-sxm type=on-demand stat=median}` and `{price gpu=b200 type=on-demand stat=median}`.\n")
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(5)], ofItemAtPath: site.root.appendingPathComponent("content/learn/one.md").path)
        try site.buildIncrementally()
        let incremental = try #require(site.output("learn/changes/index.html"))
        #expect(incremental.contains("<a href=\"/learn/one/\">One</a>"))
        let clean = site.root.appendingPathComponent("public-clean")
        try SiteBuilder.build(BuildOptions(root: site.root, output: clean, today: TestSite.today, useCache: false))
        #expect(GoldenSiteTests.files(in: clean) == site.snapshot())
    }
}
