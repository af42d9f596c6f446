import ComputeModel
import Foundation
import Testing
@testable import Site

/// A price file only grows (daily observations of many offers), but a page is for reading: past a limit, a series'
/// marks merge by position and its table lists the newest rows, while the downloads keep every row.
@Suite("Price chart at scale: the page stays the same size as rows grow")
struct ChartScaleTests {
    /// `count` on-demand H100 rows: 40 providers, one row each per day, prices cycling between $2.00 and $3.99.
    static func prices(count: Int) -> String {
        var text = FigureTruthTests.header
        let start = Day(year: 2024, month: 1, day: 1)!.date
        for index in 0..<count {
            let day = Day(start.addingTimeInterval(Double(index / 40) * 86_400))
            let price = 2.0 + Double((index * 37) % 200) / 100
            text += "\(day),P\(index % 40),o\(index % 40),h100-sxm,1,\(String(format: "%.2f", price)),on-demand,,https://example.org/p,R-P,S,\n"
        }
        return text
    }

    func chart(rows: Int) throws -> (html: String, csvLines: Int) {
        let site = try TestSite(FigureTruthTests.chartPage)
        try site.copyFrozenData()
        try site.write("-- content/data/prices.csv --\n" + Self.prices(count: rows))
        try site.build()
        let html = try #require(site.output("learn/history/index.html"))
        let csv = try #require(site.output("learn/history/price-history-1.csv"))
        return (html, csv.split(separator: "\n").count)
    }

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test("1,200 rows: the marks merge by spot, the table lists the newest 500, the CSV all 1,200")
    func manyRowsStayReadable() throws {
        let (html, csvLines) = try chart(rows: 1_200)
        let wide = html.components(separatedBy: "<svg class=\"chart chart-wide").dropFirst().first?.components(separatedBy: "</svg>").first ?? ""
        let marks = Self.count("<circle class=\"mark\"", in: wide)
        // 1,200 rows over 30 days and 200 prices: far fewer distinct spots one mark wide than rows.
        #expect(marks > 10 && marks < 1_200, "\(marks) marks")
        #expect(wide.contains(" observations, 2024-01-"))
        #expect(Self.count("<tr><td><time", in: html) == 500)
        #expect(html.contains("The table lists on-demand: the newest 500 of 1200 observations; the CSV and JSON downloads list every row."))
        #expect(csvLines == 1_201)
    }

    @Test("up to the limit every row is its own mark and its own table row")
    func fewRowsAreDrawnOneByOne() throws {
        let (html, csvLines) = try chart(rows: 400)
        let wide = html.components(separatedBy: "<svg class=\"chart chart-wide").dropFirst().first?.components(separatedBy: "</svg>").first ?? ""
        #expect(Self.count("<circle class=\"mark\"", in: wide) == 400)
        #expect(Self.count("<tr><td><time", in: html) == 400)
        #expect(!html.contains("The table lists"))
        #expect(csvLines == 401)
    }
}
