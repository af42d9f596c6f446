import Foundation
import Testing
@testable import Site

/// Bad data files (content/data/): each case's exact errors, the run's other error too, exit 1, public/ unchanged.
@Suite("Catalogue: data files")
struct DataFileCatalogue {
    /// A valid row with some cells replaced (row 1 of the added rows is on line 4: lines 2 and 3 are the good rows).
    static func row(date: String = "2026-09-22", provider: String = "Nebius", offer: String = "1x H100", gpu: String = "h100-sxm",
                    gpus: String = "1", price: String = "2.95", type: String = "on-demand", region: String = "",
                    url: String = "https://nebius.com/prices", source: String = "R-NEBIUS", confidence: String = "S",
                    note: String = "") -> String {
        [date, provider, offer, gpu, gpus, price, type, region, url, source, confidence, note].joined(separator: ",")
    }

    /// prices.csv: the good rows followed by `rows`.
    static func prices(_ rows: [String]) -> String {
        "-- content/data/prices.csv --\n" + ([CatalogueSite.priceHeader] + CatalogueSite.priceRows + rows).joined(separator: "\n") + "\n"
    }

    /// The case's lines from content/data/ only (a data error also disables the directives: see `dataErrorsDoNotCascade`).
    func dataLines(_ files: String = "", bytes: [String: [UInt8]] = [:]) throws -> [String] {
        try CatalogueSite().breakWith(files, bytes: bytes).lines.filter { $0.hasPrefix("content/data/") }
    }

    @Test("price that is not a number, zero, negative")
    func badPrices() throws {
        do { let lines = try dataLines(Self.prices([Self.row(price: "$2.95"), Self.row(offer: "2x", price: "0"), Self.row(offer: "3x", price: "-1")]))
        #expect(lines == [
            "content/data/prices.csv:4:38: error: price '$2.95' is not a number",
            "content/data/prices.csv:5:33: error: price must be greater than 0, not 0",
            "content/data/prices.csv:6:33: error: price must be greater than 0, not -1",
        ])
        }
    }

    @Test("cpus.yaml: a figure that is not a number")
    func badCPUFile() throws {
        let cpus = "-- content/data/cpus.yaml --\n" + SmallData.text("cpus.yaml").replacingOccurrences(of: "cores: 56", with: "cores: 56 cores") + "\n"
        do { let lines = try dataLines(cpus)
        #expect(lines == [
            "content/data/cpus.yaml:12:12: error: cores of CPU 'xeon-8480' must be a number, n/a or not-gathered, not '56 cores'",
        ])
        }
    }

    @Test("date not a date, date after the build date")
    func badDates() throws {
        do { let lines = try dataLines(Self.prices([Self.row(date: "2026-13-01"), Self.row(date: "2031-01-01")]))
        #expect(lines == [
            "content/data/prices.csv:4:1: error: date '2026-13-01' is not a date",
            "content/data/prices.csv:5:1: error: date 2031-01-01 is after the build date 2026-11-26",
        ])
        }
    }

    @Test("unknown accelerator id (with the closest id) and an alias")
    func unknownAccelerator() throws {
        do { let lines = try dataLines(Self.prices([Self.row(gpu: "h100-sx"), Self.row(offer: "2x", gpu: "h100")]))
        #expect(lines == [
            "content/data/prices.csv:4:27: error: unknown accelerator id 'h100-sx'",
            "content/data/prices.csv:5:22: error: 'h100' is an alias; prices use the accelerator id",
        ])
        }
    }

    @Test("GPU count, pricing type and confidence that are not allowed")
    func badCells() throws {
        do { let lines = try dataLines(Self.prices([Self.row(gpus: "0"), Self.row(offer: "2x", type: "ondemand"), Self.row(offer: "3x", confidence: "high")]))
        #expect(lines == [
            "content/data/prices.csv:4:36: error: GPUs per instance must be a whole number greater than 0, not '0'",
            "content/data/prices.csv:5:38: error: unknown pricing type 'ondemand'",
            "content/data/prices.csv:6:84: error: unknown confidence 'high'",
        ])
        }
    }

    @Test("missing source, source URL that is not http(s)")
    func badSources() throws {
        do { let lines = try dataLines(Self.prices([Self.row(url: ""), Self.row(offer: "2x", source: ""), Self.row(offer: "3x", url: "javascript:alert(1)")]))
        #expect(lines == [
            "content/data/prices.csv:4:54: error: missing source: 'source_url' is empty",
            "content/data/prices.csv:5:75: error: missing source: 'source' is empty",
            "content/data/prices.csv:6:49: error: source_url 'javascript:alert(1)' must start with https:// or http://",
        ])
        }
    }

    @Test("duplicate observation")
    func duplicateObservation() throws {
        do { let lines = try dataLines(Self.prices([Self.row(), Self.row(price: "3.10")]))
        #expect(lines == [
            "content/data/prices.csv:5:1: error: duplicate observation: line 4 has the same date, provider, offer, gpu, type and region",
        ])
        }
    }

    @Test("missing column")
    func missingColumn() throws {
        let header = CatalogueSite.priceHeader.replacingOccurrences(of: ",confidence", with: "")
        do { let lines = try dataLines("-- content/data/prices.csv --\n\(header)\n2026-09-20,Lambda,8x H100 SXM,h100-sxm,8,31.92,on-demand,,https://lambda.ai/instances,R-LAMBDA,\n")
        #expect(lines == [
            "content/data/prices.csv:1:1: error: missing column 'confidence'",
        ])
        }
    }

    @Test("extra column in the header, extra cell in a row (an unquoted comma)")
    func extraColumns() throws {
        do { let lines = try dataLines("-- content/data/prices.csv --\n\(CatalogueSite.priceHeader),vendor\n" + Self.row() + ",NVIDIA\n")
        #expect(lines == [
            "content/data/prices.csv:1:89: error: unknown column 'vendor'",
        ])
        }
        do { let lines = try dataLines(Self.prices([Self.row(note: "cut, June 2025")]))
        #expect(lines == [
            "content/data/prices.csv:4:95: error: this row has 13 cells but the header has 12",
        ])
        }
    }

    @Test("an unterminated quote is an error, not rows silently swallowed into one cell")
    func unterminatedQuote() throws {
        let lines = try dataLines(Self.prices([Self.row(note: "\"never closed"), Self.row(offer: "2x"), Self.row(offer: "3x")]))
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("content/data/prices.csv:4:") == true && lines.first?.contains("quote") == true)
    }

    @Test("an empty file, and a file of blank lines")
    func emptyFile() throws {
        let empty = try dataLines(bytes: ["content/data/prices.csv": []])
        #expect(empty == ["content/data/prices.csv:1:1: error: the file has no header row"])
        let blank = try dataLines(bytes: ["content/data/prices.csv": Array("\n\n".utf8)])
        #expect(blank == ["content/data/prices.csv:1:1: error: the file has no header row"])
    }

    @Test("a missing data file")
    func missingDataFile() throws {
        let outcome = try CatalogueSite().breakWith(remove: ["content/data/assumptions.yaml"])
        #expect(outcome.lines.filter { $0.hasPrefix("content/data/") } == [
            "content/data/assumptions.yaml: error: cannot read assumptions.yaml: the file is missing or unreadable",
        ])
    }

    @Test("errors in all three files are reported together")
    func everyFile() throws {
        let accelerators = CatalogueSite.accelerators.replacingOccurrences(of: "memory-gb: 80", with: "memory-gb: lots")
        let assumptions = CatalogueSite.assumptions.replacingOccurrences(of: "  pue: {value: 1.3, unit: ×, label: PUE, source: R-J, date: 2026-11-09, confidence: D}\n", with: "")
        let lines = try dataLines("-- content/data/accelerators.yaml --\n\(accelerators)\n-- content/data/assumptions.yaml --\n\(assumptions)\n"
            + Self.prices([Self.row(price: "free")]))
        #expect(lines == [
            "content/data/accelerators.yaml:14:16: error: HBM capacity of accelerator 'h100-sxm' must be a number, n/a or not-gathered, not 'lots'",
            "content/data/assumptions.yaml:4:3: error: assumption 'pue' is missing",
            "content/data/prices.csv:4:38: error: price 'free' is not a number",
        ])
    }

    @Test("errors in assumptions.yaml and prices.csv are reported together")
    func twoFiles() throws {
        let assumptions = CatalogueSite.assumptions.replacingOccurrences(of: "  pue: {value: 1.3, unit: ×, label: PUE, source: R-J, date: 2026-11-09, confidence: D}\n", with: "")
            .replacingOccurrences(of: "value: 0.40", with: "value: -0.4")
        let lines = try dataLines("-- content/data/assumptions.yaml --\n\(assumptions)\n" + Self.prices([Self.row(price: "free")]))
        #expect(lines == [
            "content/data/assumptions.yaml:4:3: error: assumption 'pue' is missing",
            "content/data/assumptions.yaml:4:16: error: value of 'mfu' must be greater than 0",
            "content/data/prices.csv:4:38: error: price 'free' is not a number",
        ])
    }

    @Test("bytes that are not UTF-8 in prices.csv name the line")
    func dataNotUTF8() throws {
        let bytes = Array((CatalogueSite.prices + "\n").utf8) + Array(Self.row(provider: "Caf").utf8) + [0xE9, 0x0A]
        let outcome = try CatalogueSite().breakWith(bytes: ["content/data/prices.csv": bytes])
        #expect(outcome.lines.filter { $0.hasPrefix("content/data/") } == ["content/data/prices.csv:4:1: error: the file is not valid UTF-8"])
    }

    @Test("a data error does not also report every directive of the site as unknown")
    func dataErrorsDoNotCascade() throws {
        let outcome = try CatalogueSite().breakWith(Self.prices([Self.row(price: "free")]))
        #expect(outcome.lines == ["content/data/prices.csv:4:38: error: price 'free' is not a number"])
    }

    // MARK: - Odd but valid

    @Test("quoted commas, quotes and line breaks inside quoted cells are one cell")
    func quotedCommas() throws {
        let catalogue = try CatalogueSite()
        let rows = [Self.row(provider: "\"Lambda, Inc.\"", offer: "\"8x \"\"H100\"\"\"", note: "\"line one\nline two, with a comma\""),
                    Self.row(offer: "2x", gpus: "2", price: "4.00")]
        try catalogue.buildsWith(Self.prices(rows))
        let page = try #require(catalogue.site.output("learn/prices/index.html"))
        #expect(page.contains("Lambda, Inc."))
        #expect(page.contains("8x &quot;H100&quot;"))
        // The row after the multi-line cell is still read (its line number is right): 4 prices in all.
        #expect(catalogue.site.output("data/prices.csv")?.contains("2x,h100-sxm,2,4.00") == true)
    }

    @Test("CRLF line ends give the same figures as LF")
    func crlf() throws {
        let lf = try CatalogueSite()
        let lfPage = try #require(lf.site.output("learn/gpu-hour/index.html"))
        let crlf = try CatalogueSite()
        try crlf.buildsWith(bytes: [
            "content/data/prices.csv": Array(CatalogueSite.prices.replacingOccurrences(of: "\n", with: "\r\n").utf8) + [0x0D, 0x0A],
            "content/data/assumptions.yaml": Array(CatalogueSite.assumptions.replacingOccurrences(of: "\n", with: "\r\n").utf8),
            "content/data/accelerators.yaml": Array(CatalogueSite.accelerators.replacingOccurrences(of: "\n", with: "\r\n").utf8),
        ])
        #expect(crlf.site.output("learn/gpu-hour/index.html") == lfPage)
        #expect(crlf.site.output("learn/prices/index.html") == lf.site.output("learn/prices/index.html"))
    }

    @Test("CRLF line ends still point errors at the right line and column")
    func crlfErrors() throws {
        let text = ([CatalogueSite.priceHeader] + CatalogueSite.priceRows + [Self.row(price: "free")]).joined(separator: "\r\n") + "\r\n"
        let lines = try dataLines(bytes: ["content/data/prices.csv": Array(text.utf8)])
        #expect(lines == ["content/data/prices.csv:4:38: error: price 'free' is not a number"])
    }

    @Test("a byte-order mark at the start of prices.csv is accepted")
    func priceFileBOM() throws {
        let catalogue = try CatalogueSite()
        try catalogue.buildsWith(bytes: ["content/data/prices.csv": [0xEF, 0xBB, 0xBF] + Array(CatalogueSite.prices.utf8)])
        #expect(catalogue.site.output("learn/prices/index.html")?.contains("Lambda") == true)
    }
}
