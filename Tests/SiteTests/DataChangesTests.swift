import Foundation
import Testing
@testable import Site

/// The What changed table is the history of the figures, computed from the dated rows alone.
@Suite struct DataChangesTests {
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
        #expect(lines == [
            "2026-03-01 | median on-demand price of NVIDIA H100 SXM5 | $3.00 | $3.50 | Alpha · 1x $3.00 ( | R-A | ↗ | )",
            "2026-02-01 | median on-demand price of NVIDIA H100 SXM5 | $2.00 | $3.00 | Beta · 8x $4.00 ( | R-B | ↗ | )",
            "2026-01-01 | median on-demand price of NVIDIA H100 SXM5 | — | $2.00 | Alpha · 1x $2.00 ( | R-A | ↗ | )",
        ])
        // Each source code links to its entry in the sources list on /data/, the arrow to where the price was read.
        #expect(body.contains("<a href=\"/data/#source-r-a\">R-A</a> <a href=\"https://example.org/a\" aria-label=\"R-A: where the price was read\">↗</a>"))
        #expect(site.output("learn/changes/data-changes-1.csv")?.contains("2026-02-01,h100-sxm,on-demand,median on-demand price of NVIDIA H100 SXM5,2,3,\"Beta, 8x, 4\"") == true)
    }
}
