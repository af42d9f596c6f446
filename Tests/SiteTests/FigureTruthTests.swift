import ComputeModel
import Foundation
import Markdown
import Testing
@testable import Site

/// What the figures say must be true of the rows behind them: the chart draws no median from a lone observation,
/// a median's footnote names every row that fed it, a note sits under the value it explains, a row's note agrees
/// with its pricing type, text about a range is generated from its rows, and every source is one tap away.
@Suite("Figures are true of the rows behind them") struct FigureTruthTests {
    static let header = "date,provider,offer,gpu,gpus,usd_per_hour,type,region,source_url,source,confidence,note\n"

    /// Three providers in January 2024, one dear AWS list price alone in May 2025, three providers in June 2026.
    static let outlierPrices = header + """
    2024-01-10,A,a1,h100-sxm,1,2.00,on-demand,,https://example.org/a,R-A,S,
    2024-01-10,B,b1,h100-sxm,1,3.00,on-demand,,https://example.org/b,R-B,S,
    2024-01-10,C,c1,h100-sxm,1,4.00,on-demand,,https://example.org/c,R-C,S,
    2025-05-01,AWS,p5.48xlarge,h100-sxm,8,98.32,on-demand,,https://example.org/aws,R-AWS,S,alone in its window
    2026-06-01,A,a1,h100-sxm,1,2.50,on-demand,,https://example.org/a,R-A,S,
    2026-06-01,B,b1,h100-sxm,1,3.50,on-demand,,https://example.org/b,R-B,S,
    2026-06-01,C,c1,h100-sxm,1,4.50,on-demand,,https://example.org/c,R-C,S,
    2026-06-01,A,a1 reserved,h100-sxm,1,1.90,reserved-1y,,https://example.org/a,R-A,S,

    """

    static let chartPage = """
    -- content/_index.md --
    ---
    title: Home
    ---
    -- content/learn/history.md --
    ---
    title: History
    ---
    ```{price-history}
    gpu: h100-sxm
    types: [on-demand, reserved-1y]
    ```
    """

    func chartSite(settings: String = "") throws -> TestSite {
        let site = try TestSite(Self.chartPage + (settings.isEmpty ? "" : "\n-- content/site.yaml --\n\(settings)\n"))
        try site.copyFrozenData()
        try site.write("-- content/data/prices.csv --\n" + Self.outlierPrices)
        return site
    }

    /// The x coordinates of every polyline point and of the mark whose title starts with `title`, per drawing.
    static func geometry(_ html: String, markTitle: String) -> [(lines: [[Double]], mark: Double?)] {
        html.components(separatedBy: "<svg class=\"chart chart-").dropFirst().map { svg in
            let drawing = svg.components(separatedBy: "</svg>").first ?? ""
            let lines = drawing.components(separatedBy: "<polyline ").dropFirst().map { line -> [Double] in
                let points = line.components(separatedBy: "points=\"").last?.components(separatedBy: "\"").first ?? ""
                return points.split(separator: " ").compactMap { Double($0.split(separator: ",").first ?? "") }
            }
            var mark: Double?
            for piece in drawing.components(separatedBy: "<circle ").dropFirst() where piece.contains("<title>\(markTitle)") {
                mark = piece.components(separatedBy: "cx=\"").dropFirst().first?.components(separatedBy: "\"").first.flatMap(Double.init)
            }
            return (lines, mark)
        }
    }

    @Test("an outlier alone in its window is drawn as a mark that no median line passes through")
    func loneOutlierIsNotJoined() throws {
        let site = try chartSite()
        try site.build()
        let html = try #require(site.output("learn/history/index.html"))
        let drawings = Self.geometry(html, markTitle: "2025-05-01 AWS")
        #expect(drawings.count == 2, "a wide and a phone drawing")
        for drawing in drawings {
            let mark = try #require(drawing.mark, "the outlier is visible as a mark")
            #expect(drawing.lines.count == 2, "two runs of the on-demand line, with a gap between them")
            for line in drawing.lines {
                #expect(!((line.min() ?? 0)...(line.max() ?? 0)).contains(mark), "a line spans the outlier's date: \(line)")
            }
        }
        // Both types are labelled; the one with too few providers says so.
        #expect(html.contains("<strong>on-demand</strong>: marks = observations; line = median of the providers&#39; latest prices"))
        #expect(html.contains("<strong>reserved-1y</strong>: marks only (never 3 providers in a window)"))
        // Axes carry their units; the text alternative states the trend and the gap.
        #expect(html.contains(">US$ per GPU-hour</text>") && html.contains(">Date observed</text>"))
        #expect(html.contains("<p class=\"chart-summary\">On-demand: 7 observations from 4 providers. The median of the providers&#39; latest prices rose from $3.00 on 2024-01-10 to $3.50 on 2026-06-01"))
        #expect(html.contains("it is not drawn from 2025-01-10 to 2026-06-01, when fewer than 3 providers had a price in the 365 days before"))
        #expect(html.contains("Reserved-1y: 1 observation from 1 provider (A, $1.90 on 2026-06-01); too few for a median line."))
    }

    @Test("chartMinProviders is the threshold: at 1, the lone outlier does become part of the line")
    func thresholdIsASetting() throws {
        let site = try chartSite(settings: "chartMinProviders: 1")
        try site.build()
        let html = try #require(site.output("learn/history/index.html"))
        let drawing = try #require(Self.geometry(html, markTitle: "2025-05-01 AWS").first)
        let mark = try #require(drawing.mark)
        #expect(drawing.lines.contains { ((($0.min() ?? 0)...($0.max() ?? 0))).contains(mark) })
        let bad = try TestSite(Self.chartPage + "\n-- content/site.yaml --\nchartMinProviders: 0\n")
        #expect(bad.errors().contains { $0.contains("content/site.yaml") && $0.contains("'chartMinProviders' must be at least 1, got 0") })
    }

    static let comparePage = """
    -- content/_index.md --
    ---
    title: Home
    ---
    -- content/learn/compare.md --
    ---
    title: Compare
    ---
    ```{compare}
    gpus: [h100-sxm, h200-sxm, b200]
    metrics: [memory, median-price]
    ```

    ```{prices}
    gpu: h100-sxm
    type: on-demand
    ```

    Cheapest `{price gpu=h100-sxm type=on-demand stat=min-provider}`, dearest `{price gpu=h100-sxm type=on-demand stat=max-provider}`; B200 memory `{spec gpu=b200 field=memory}`.
    """

    /// The footnote a table cell's marker points at: the cell is found by its row heading and column.
    static func footnote(_ html: String, row: String, column: Int) throws -> String {
        let rowHTML = try #require(html.components(separatedBy: "<th scope=\"row\">\(row)</th>").dropFirst().first?.components(separatedBy: "</tr>").first)
        let cell = try #require(rowHTML.components(separatedBy: "<td").dropFirst().dropFirst(column).first)
        let id = try #require(cell.components(separatedBy: "href=\"#").dropFirst().first?.components(separatedBy: "\"").first)
        return try #require(html.components(separatedBy: "<li id=\"\(id)\">").dropFirst().first?.components(separatedBy: "</li>").first)
    }

    @Test("a median's footnote names every row that fed it, each source code linked to the data page")
    func medianFootnoteListsEveryRow() throws {
        let site = try TestSite(Self.comparePage)
        try site.copyFrozenData()
        try site.build()
        let html = try #require(site.output("learn/compare/index.html"))
        let stats = try ComputeData.load(from: TestSite.frozenData, today: TestSite.today).priceStats(gpu: "h100-sxm", type: .onDemand)
        #expect(stats.count > 4, "more rows than the old cap of four")
        let note = try Self.footnote(html, row: "Median price ($/GPU-hr)", column: 0)
        #expect(note.contains("from these \(stats.count): "))
        for row in stats.latestByProvider {
            #expect(note.contains(HTMLText.escape("\(row.provider) \(row.offer)")), "\(row.provider) is missing from the median's sources")
            #expect(note.contains("[<a href=\"/data/#\(DataPage.anchor(source: row.source))\">\(row.source)</a>], as of \(row.date)"))
        }
    }

    @Test("a spec note sits under the value it explains, not under every chip's value from the same source")
    func specNotesAttachToTheirValue() throws {
        let site = try TestSite(Self.comparePage)
        try site.copyFrozenData()
        try site.build()
        let html = try #require(site.output("learn/compare/index.html"))
        let h100 = try Self.footnote(html, row: "HBM (GB)", column: 0)
        let h200 = try Self.footnote(html, row: "HBM (GB)", column: 1)
        let b200 = try Self.footnote(html, row: "HBM (GB)", column: 2)
        #expect(b200.contains("usable; launch materials say 192 GB"), "B200: 180 GB usable, 192 GB the usual figure")
        #expect(h200.contains("6 × 24 GB stacks") && !h200.contains("192 GB"))
        #expect(!h100.contains("192 GB") && !h100.contains("24 GB stacks"))
        #expect(html.contains("<a href=\"/data/#source-r-stas\">R-STAS</a>"), "source codes in the notes link to the sources list")
    }

    @Test("who sits at either end of a range is generated from its rows, and the table says which type it holds")
    func rangeTextComesFromTheRows() throws {
        let site = try TestSite(Self.comparePage)
        try site.copyFrozenData()
        try site.build()
        let html = try #require(site.output("learn/compare/index.html"))
        let stats = try ComputeData.load(from: TestSite.frozenData, today: TestSite.today).priceStats(gpu: "h100-sxm", type: .onDemand)
        let cheapest = try #require(stats.latestByProvider.first), dearest = try #require(stats.latestByProvider.last)
        #expect(!stats.latestByProvider.contains { $0.type == .marketplace })
        #expect(html.contains("Cheapest <button type=\"button\" class=\"figure\""))
        #expect(html.contains(">\(HTMLText.escape(cheapest.provider))</button>") && html.contains(">\(HTMLText.escape(dearest.provider))</button>"))
        #expect(html.contains("The table holds on-demand prices only, one per provider (\(stats.count)): the cheapest is \(HTMLText.escape(cheapest.provider))'s"))
    }

    @Test("an inline figure opens its source and date by tap or keyboard: a popover button, no title tooltip")
    func inlineFigureSourceIsAPopover() throws {
        let site = try TestSite(Self.comparePage)
        try site.copyFrozenData()
        try site.build()
        let html = try #require(site.output("learn/compare/index.html"))
        let button = try #require(html.components(separatedBy: "B200 memory ").dropFirst().first?.components(separatedBy: "</p>").first)
        #expect(button.hasPrefix("<button type=\"button\" class=\"figure\" popovertarget=\"fig-"))
        #expect(!button.contains(" title="))
        let id = try #require(button.components(separatedBy: "popovertarget=\"").dropFirst().first?.components(separatedBy: "\"").first)
        let popover = try #require(button.components(separatedBy: "<span class=\"figure-source\" id=\"\(id)\" popover role=\"note\">").dropFirst().first)
        #expect(popover.contains("as of 2026-08-22"))
        #expect(popover.contains("usable; launch materials say 192 GB"))
        #expect(popover.contains("<a href=\"https://github.com/stas00/ml-engineering"))
        #expect(popover.contains("<a href=\"/data/#source-r-stas\">All sources on the data page</a>"))
    }

    @Test("a row whose note says it is sold only on other terms than its type is a warning at its line")
    func noteContradictingTypeWarns() throws {
        let site = try TestSite(Self.chartPage)
        try site.copyFrozenData()
        try site.write("-- content/data/prices.csv --\n" + Self.header + """
        2026-09-26,Google Cloud,a3-highgpu-1g,h100-sxm,1,10.98,on-demand,,https://cloud.google.com/compute/gpus-pricing,R-SILYBENCH,S,Cloud Billing catalog API; the 1g shape is sold only as Spot or Flex-start
        2026-09-26,Google Cloud,a3-highgpu-1g Spot,h100-sxm,1,6.57,spot,,https://cloud.google.com/compute/gpus-pricing,R-SILYBENCH,S,sold only as Spot or Flex-start
        2026-09-01,AWS,p6-b200.48xlarge,b200,8,113.9328,on-demand,,https://aws.amazon.com/,R-TCO,S,a reserved snapshot of $68.36 was also seen

        """)
        let result = try site.build()
        let warnings = result.warnings.map { "\($0.location): \($0.message)" }
        #expect(warnings.contains("content/data/prices.csv:2:1: the row's type is 'on-demand' but its note says it is sold only as spot or flex-start"))
        #expect(warnings.filter { $0.contains("its note says") }.count == 1, "the Spot row agrees; a note that mentions another price is no restriction: \(warnings)")
    }
}
