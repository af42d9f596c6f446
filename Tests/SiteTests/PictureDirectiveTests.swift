import Foundation
import SiteTestSupport
import Testing
@testable import Site

/// The drawn figures: `{bar-chart}`, `{flow-diagram}` and `{market-map}` render inline SVG at build time, with
/// text alternatives, from the fixture data of Tests/Fixtures/chart-data (three made-up accelerators with round
/// figures, so every bar length below is checked by hand).
@Suite("Drawn figures: bar charts, flow diagrams and market maps as inline SVG") struct PictureDirectiveTests {
    static let chartData = TestSite.repository.appendingPathComponent("Tests/Fixtures/chart-data")
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/pictures")

    static let pages = """
    -- content/_index.md --
    ---
    title: Home
    ---
    -- content/learn/bandwidth.md --
    ---
    title: Bandwidth
    ---
    ```{bar-chart}
    metric: bandwidth
    ```
    -- content/learn/compute.md --
    ---
    title: Compute
    ---
    ```{bar-chart}
    metric: bf16-dense
    gpus: [gamma, beta, alpha]
    ```
    -- content/learn/price.md --
    ---
    title: Price
    ---
    ```{bar-chart}
    metric: median-price
    gpus: [alpha, beta, gamma]
    caption: What a GPU-hour costs
    ```
    -- content/learn/factory.md --
    ---
    title: Factory
    ---
    ```{flow-diagram}
    title: A factory
    steps:
      - name: Inputs
        items: [Electricity, "Capital: chips and buildings"]
      - name: Work
        items: [Arithmetic]
      - name: Output
        items: [A trained model, Answers in tokens]
    ```
    -- content/learn/map.md --
    ---
    title: Map
    ---
    ```{market-map}
    layers:
      - id: chips
        name: Chips
        role: "design them; see [the factory](factory.md)."
        players: [Alpha Inc, Beta Corp]
        links: ["[Bandwidth](bandwidth.md)"]
        details: more
      - id: memory
        name: Memory
        players: [Gamma]
      - id: clouds
        name: Clouds, neoclouds and marketplaces
        links: ["[Price](price.md#bar-chart-1)"]
    flows:
      - {from: chips, to: clouds, label: accelerators}
      - {from: memory, to: clouds, label: HBM}
    ```

    ## More

    Details.
    """

    func site(_ extra: String = "") throws -> TestSite {
        let site = try TestSite(Self.pages + extra)
        try site.copyData(from: Self.chartData, files: ["accelerators.yaml", "prices.csv", "assumptions.yaml"])
        return site
    }

    /// The SVG of the first figure of `html`.
    func svg(_ html: String) throws -> String {
        let start = try #require(html.range(of: "<svg "))
        let end = try #require(html.range(of: "</svg></figure>", range: start.lowerBound..<html.endIndex) ?? html.range(of: "</svg><figcaption>"))
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// Each bar's `(width, value label)` in drawing order.
    func bars(_ html: String) throws -> [(width: String?, label: String)] {
        let svg = try svg(html)
        return svg.components(separatedBy: "<g class=\"bar-row\">").dropFirst().map { row in
            let label = row.components(separatedBy: "class=\"bar-value\"").dropFirst().first?
                .components(separatedBy: ">").dropFirst().first?.components(separatedBy: "<").first ?? ""
            let width = row.components(separatedBy: "<rect class=\"bar\" ").dropFirst().first?
                .components(separatedBy: "width=\"").dropFirst().first?.components(separatedBy: "\"").first
            return (width, label)
        }
    }

    @Test func barLengthsAreTheValuesOverTheLargest() throws {
        let site = try site()
        try site.build()
        // Bandwidth 2, 4, 5 TB/s, in file order: 2/5, 4/5, 5/5.
        let bandwidth = try bars(try #require(site.output("learn/bandwidth/index.html")))
        #expect(bandwidth.map(\.width) == ["40.0%", "80.0%", "100.0%"])
        #expect(bandwidth.map(\.label) == ["2 TB/s", "4 TB/s", "5 TB/s"])
        // Dense BF16 800, 1000, 400 TFLOPS in the order the page lists them.
        let compute = try #require(site.output("learn/compute/index.html"))
        #expect(try bars(compute).map(\.width) == ["80.0%", "100.0%", "40.0%"])
        #expect(try bars(compute).map(\.label) == ["800 TFLOPS", "1,000 TFLOPS", "400 TFLOPS"])
        #expect(compute.contains("Vendor figures, dense (no 2:4 sparsity), read between <time datetime=\"2026-10-01\">2026-10-01</time> and <time datetime=\"2026-10-03\">2026-10-03</time>"))
        // Median on-demand $ per GPU-hour: alpha $16 ÷ 8 GPUs = $2.00; beta the median of $3.00 and $5.00 = $4.00; gamma has no price.
        let price = try #require(site.output("learn/price/index.html"))
        let priceBars = try bars(price)
        #expect(priceBars.map(\.width) == ["50.0%", "100.0%", nil])
        #expect(priceBars.map(\.label) == ["$2.00/GPU-hour", "$4.00/GPU-hour", "no on-demand price in the data"])
        #expect(price.contains("prices as of <time datetime=\"2026-11-03\">2026-11-03</time>"))
    }

    @Test func barChartsSayEveryValueInTextAndLinkTheirSources() throws {
        let site = try site()
        try site.build()
        let html = try #require(site.output("learn/bandwidth/index.html"))
        #expect(html.contains("role=\"img\" aria-labelledby=\"bar-chart-1-title bar-chart-1-desc\""))
        #expect(html.contains("<desc id=\"bar-chart-1-desc\">Memory bandwidth (TB/s). Alpha A1: 2 TB/s; Beta B2: 4 TB/s; Gamma C3: 5 TB/s. Bars start at zero.</desc>"))
        #expect(html.contains("Source: <a href=\"/data/#accelerators-yaml\">accelerators.yaml on the data page</a>"))
        #expect(html.contains("<th scope=\"row\">Beta B2</th><td class=\"num\"><data value=\"4\">4</data> <a class=\"src-ref\" href=\"#bar-chart-1-src-2\""))
        #expect(html.contains("<li id=\"bar-chart-1-src-1\"><a href=\"https://example.org/datasheet\">Fixture datasheet</a>"))
        #expect(!html.contains("<script"))
        let price = try #require(site.output("learn/price/index.html"))
        #expect(price.contains("<title id=\"bar-chart-1-title\">What a GPU-hour costs</title>"))
        #expect(price.contains("Source: <a href=\"/data/#prices-csv\">prices.csv on the data page</a>"))
        #expect(site.output("learn/bandwidth/bar-chart-1.csv") == "gpu,name,metric,value,unit,source,as_of\nalpha,Alpha A1,bandwidth,2,TB/s,R-FIX,2026-10-01\nbeta,Beta B2,bandwidth,4,TB/s,R-FIX,2026-10-02\ngamma,Gamma C3,bandwidth,5,TB/s,R-FIX,2026-10-03\n")
    }

    @Test func flowDiagramIsRealTextInColumns() throws {
        let site = try site()
        try site.build()
        let html = try #require(site.output("learn/factory/index.html"))
        #expect(html.contains("<desc id=\"flow-diagram-1-n-desc\">Inputs: Electricity; Capital: chips and buildings. Then Work: Arithmetic. Then Output: A trained model; Answers in tokens.</desc>"))
        // Three columns of 28% with 8% gaps for the arrows.
        #expect(html.contains("<svg class=\"flow-step step-1\" x=\"0%\" y=\"0\" width=\"28%\""))
        #expect(html.contains("<svg class=\"flow-step step-2\" x=\"36%\""))
        #expect(html.contains("<svg class=\"flow-step step-3\" x=\"72%\""))
        // Two drawings (a phone's and a wider screen's, the stylesheet shows one), each with two arrows.
        #expect(html.components(separatedBy: "<line class=\"flow-arrow\"").count - 1 == 4)
        #expect(html.contains("<svg class=\"flow drawing-narrow\" width=\"100%\""))
        #expect(html.contains("<svg class=\"flow drawing-wide\" width=\"100%\""))
        #expect(html.contains("<tspan x=\"9\">Electricity</tspan>"))
    }

    @Test func marketMapDrawsRowsByFlowAndListsTheLayers() throws {
        let site = try site()
        try site.build()
        let html = try #require(site.output("learn/map/index.html"))
        // Chips and Memory feed Clouds: they share the first row (48% each, 4% apart), Clouds is alone below (64%, centred).
        #expect(html.contains("<svg class=\"map-layer layer-1\" x=\"0%\" y=\"2\" width=\"48%\""))
        #expect(html.contains("<svg class=\"map-layer layer-2\" x=\"52%\" y=\"2\" width=\"48%\""))
        #expect(html.contains("<svg class=\"map-layer layer-3\" x=\"18%\""))
        #expect(html.contains("<line class=\"map-flow\" x1=\"24%\" y1=\"42\" x2=\"50%\""))
        #expect(html.contains(">accelerators</text>"))
        #expect(html.contains("Flows: Chips sends accelerators to Clouds, neoclouds and marketplaces; Memory sends HBM to Clouds, neoclouds and marketplaces."))
        // The cards: links written as Markdown links are resolved like the page's own.
        #expect(html.contains("<li class=\"layer-1\" id=\"market-map-1-chips\"><p><strong>Chips</strong>: design them; see <a href=\"/learn/factory/\">the factory</a>.</p><ul><li>Alpha Inc</li><li>Beta Corp</li></ul>"))
        #expect(html.contains("<p class=\"map-flows\">Sends accelerators to <a href=\"#market-map-1-clouds\">Clouds, neoclouds and marketplaces</a>.</p>"))
        #expect(html.contains("<p class=\"map-links\"><a href=\"/learn/bandwidth/\">Bandwidth</a> · <a href=\"/learn/map/#more\">details</a></p>"))
        #expect(html.contains("<p class=\"map-links\"><a href=\"/learn/price/#bar-chart-1\">Price</a></p>"))
    }

    @Test func outputMatchesTheGoldenHTML() throws {
        let site = try site()
        try site.build()
        let pages = ["bandwidth", "compute", "price", "factory", "map"]
        let record = ProcessInfo.processInfo.environment["SIGNALS_RECORD_GOLDEN"] == "1"
        for name in pages {
            let html = try #require(site.output("learn/\(name)/index.html"))
            let file = Self.golden.appendingPathComponent("\(name).html")
            if record {
                try FileManager.default.createDirectory(at: Self.golden, withIntermediateDirectories: true)
                try html.write(to: file, atomically: true, encoding: .utf8)
                continue
            }
            let expected = try String(contentsOf: file, encoding: .utf8)
            #expect(html == expected, "learn/\(name)/index.html differs from \(file.path); if the change is intended, re-record with SIGNALS_RECORD_GOLDEN=1")
        }
        if record { Issue.record("golden HTML re-recorded in \(Self.golden.path): review the diff and run again without SIGNALS_RECORD_GOLDEN") }
    }

    /// The drawing and the table under it show the same data two ways: over random bandwidths, each bar's length is
    /// the table's value over the largest, to the tenth of a percent, in the table's order.
    @Test func barsAgreeWithTheTableOverRandomData() throws {
        let seed = ProcessInfo.processInfo.environment["SIGNALS_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...UInt64.max)
        var random = SeededGenerator(seed: seed)
        let site = try site()
        let original = try site.read("content/data/accelerators.yaml")
        for _ in 0..<20 {
            let values = (0..<3).map { _ in Double(Int.random(in: 1...2000, using: &random)) / 100 }
            var yaml = original
            for (old, new) in zip(["bandwidth-tbs: 2\n", "bandwidth-tbs: 4\n", "bandwidth-tbs: 5\n"], values) {
                yaml = yaml.replacingOccurrences(of: old, with: "bandwidth-tbs: \(new)\n")
            }
            try yaml.write(to: site.root.appendingPathComponent("content/data/accelerators.yaml"), atomically: false, encoding: .utf8)
            try site.build()
            let html = try #require(site.output("learn/bandwidth/index.html"))
            let table = try #require(html.components(separatedBy: "<tbody>").last)
            let shown = table.components(separatedBy: "<data value=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
            #expect(shown == values, "seed \(seed): the table shows \(shown), the data holds \(values)")
            let largest = try #require(shown.max())
            #expect(try bars(html).map(\.width) == shown.map { String(format: "%.1f%%", $0 / largest * 100) },
                    "seed \(seed) (replay with SIGNALS_SEED=\(seed)): bars disagree with the table for \(values)")
        }
    }

    @Test func unknownAcceleratorOrMetricIsAnErrorAtItsLine() throws {
        let site = try site("""

        -- content/learn/typo.md --
        ---
        title: Typo
        ---
        Intro.

        ```{bar-chart}
        metric: bandwith
        gpus: [alpha, betta]
        ```

        ```{bar-chart}
        metric: memory-type
        ```
        """)
        let failure = try #require(site.failure())
        #expect(failure.diagnostics.map(\.description) == [
            "content/learn/typo.md:7:9: error: unknown metric 'bandwith'\n  hint: did you mean 'bandwidth'? bar charts draw: bf16-dense, fp8-dense, fp4-dense, tf32-dense, fp64, memory, bandwidth, power, cores, sms, tensor-cores, flops-per-byte, median-price, usd-per-pflop-hour, usd-per-gb-hour, usd-per-tbs-hour",
            "content/learn/typo.md:8:7: error: unknown accelerator 'betta'\n  hint: did you mean 'beta'? known accelerators: alpha, beta, gamma",
            "content/learn/typo.md:12:9: error: metric 'memory-type' is text, not a number, so it cannot be drawn as bars\n  hint: bar charts draw: bf16-dense, fp8-dense, fp4-dense, tf32-dense, fp64, memory, bandwidth, power, cores, sms, tensor-cores, flops-per-byte, median-price, usd-per-pflop-hour, usd-per-gb-hour, usd-per-tbs-hour",
        ])
    }

    @Test func mapErrorsNameTheLineAndTheLayers() throws {
        let site = try site("""

        -- content/learn/bad-map.md --
        ---
        title: Bad map
        ---
        ```{market-map}
        layers:
          - {id: a, name: A, links: ["[Gone](gone.md)"]}
          - {id: b, name: B}
        flows:
          - {from: a, to: c}
          - {from: b, to: a}
          - {from: a, to: b}
        ```

        ```{market-map}
        layers:
          - {id: a, name: A, links: ["[Gone](gone.md)"]}
        ```
        """)
        let failure = try #require(site.failure())
        #expect(failure.diagnostics.map { "\($0.location): \($0.message)" } == [
            "content/learn/bad-map.md:9:19: flow to an unknown layer 'c'",
            "content/learn/bad-map.md:14:1: link to a missing page 'gone.md' (no content/learn/gone.md)",
        ])
        let cycle = try self.site("\n-- content/learn/cycle.md --\n---\ntitle: Cycle\n---\n```{market-map}\nlayers:\n  - {id: a, name: A}\n  - {id: b, name: B}\nflows:\n  - {from: a, to: b}\n  - {from: b, to: a}\n```\n")
        #expect(cycle.errors() == ["content/learn/cycle.md:9:3: error: the flows go round in a circle, so the layers cannot be drawn in order"])
        let anchor = try self.site("\n-- content/learn/anchor.md --\n---\ntitle: Anchor\n---\n```{market-map}\nlayers:\n  - {id: a, name: A, links: [\"[Price](price.md#nowhere)\"]}\n```\n")
        #expect(anchor.errors().count == 1)
        #expect(anchor.errors().first?.hasPrefix("content/learn/anchor.md:4:1: error: ") == true)
        #expect(anchor.errors().first?.contains("nowhere") == true)
    }

    @Test func flowDiagramNeedsTwoToFiveNamedSteps() throws {
        let site = try site("\n-- content/learn/one.md --\n---\ntitle: One\n---\n```{flow-diagram}\ntitle: Lonely\nsteps:\n  - {name: Only}\n```\n\n```{flow-diagram}\ntitle: No steps\n```\n")
        #expect(site.errors() == [
            "content/learn/one.md:7:3: error: a flow diagram has 2 to 5 steps, this one has 1",
            "content/learn/one.md:10:1: error: missing parameter 'steps'",
        ])
    }

    @Test func aPriceChangeRedrawsOnlyThePriceChart() throws {
        let site = try site()
        try site.buildIncrementally()
        let prices = try site.read("content/data/prices.csv")
        // An older date than the newest row, so the site's "data as of" (shown on every page) stays the same.
        try (prices + "2026-11-02,Cloud Three,1x Gamma,gamma,1,6.00,on-demand,,https://example.org/three,R-THREE,S,\n")
            .write(to: site.root.appendingPathComponent("content/data/prices.csv"), atomically: false, encoding: .utf8)
        let result = try site.buildIncrementally()
        #expect(result.report.rendered == ["learn/price.md"])
        #expect(try bars(try #require(site.output("learn/price/index.html"))).map(\.width) == ["33.3%", "66.7%", "100.0%"])
    }

    @Test func aNewAcceleratorRedrawsTheChartsOfEveryAccelerator() throws {
        let site = try site()
        try site.buildIncrementally()
        let yaml = try site.read("content/data/accelerators.yaml")
        let delta = yaml.components(separatedBy: "  - id: gamma").last ?? ""
        try (yaml + "  - id: delta" + delta.replacingOccurrences(of: "Gamma C3", with: "Delta D4").replacingOccurrences(of: "bandwidth-tbs: 5", with: "bandwidth-tbs: 10"))
            .write(to: site.root.appendingPathComponent("content/data/accelerators.yaml"), atomically: false, encoding: .utf8)
        let result = try site.buildIncrementally()
        #expect(result.report.rendered == ["learn/bandwidth.md"])
        #expect(try bars(try #require(site.output("learn/bandwidth/index.html"))).map(\.width) == ["20.0%", "40.0%", "50.0%", "100.0%"])
    }
}

extension TestSite {
    /// Copies the named data files of `folder` into this site's content/data/ (the others are optional).
    func copyData(from folder: URL, files: [String]) throws {
        let target = root.appendingPathComponent("content/data")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        for name in files {
            try FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: target.appendingPathComponent(name))
        }
    }
}
