import ComputeModel
import Foundation
import Testing
@testable import Site

/// Compute directives render the same numbers as the model (and `signals model`), with sources, dates and downloads.
@Suite("Compute directives: the model's numbers with sources, dates and downloads") struct DirectiveTests {
    static let page = """
    -- content/_index.md --
    ---
    title: Home
    ---
    -- content/learn/figures.md --
    ---
    title: Figures
    ---
    Median H100: `{price gpu=h100-sxm type=on-demand stat=median}`; H200 bandwidth `{spec gpu=h200-sxm field=bandwidth}`; MFU `{assumption name=mfu}`.
    -- content/learn/compare.md --
    ---
    title: Compare
    ---
    ```{compare}
    gpus: [h100-sxm, h200-sxm, b200]
    metrics: [bf16-dense, memory, median-price]
    ```

    ```{prices}
    gpu: h100-sxm
    type: on-demand
    ```
    -- content/learn/history.md --
    ---
    title: History
    ---
    ```{price-history}
    gpu: h100-sxm
    types: [on-demand, contract]
    ```
    -- content/learn/train.md --
    ---
    title: Train
    ---
    ```{worked-example}
    kind: training
    params: 405e9
    tokens: 15.6e12
    gpu: h100-sxm
    mfu: 0.40
    ```
    -- content/learn/b200.md --
    ---
    title: B200 only
    ---
    B200 median: `{price gpu=b200 stat=median}`.
    -- content/learn/cpu.md --
    ---
    title: CPU vs GPU
    ---
    The Xeon has `{spec cpu=xeon-8480 field=cores}`. SK hynix shipped `{fact name=hbm-share-sk-hynix-q2-2025}` of HBM.

    ```{compare}
    cpus: [xeon-8480]
    gpus: [h100-sxm]
    metrics: [cores, bf16-dense, bandwidth, flops-per-byte, memory]
    ```

    ```{worked-example}
    kind: cpu-vs-gpu
    cpu: xeon-8480
    gpu: h100-sxm
    params: 7e9
    tokens: 140e9
    mfu: 0.4
    ```
    """

    func site(_ extra: String = "") throws -> TestSite {
        let site = try TestSite(Self.page + extra)
        try site.copyFrozenData()
        return site
    }

    func model() throws -> ComputeData {
        try ComputeData.load(from: TestSite.frozenData, today: TestSite.today)
    }

    @Test func inlineFiguresShowTheModelsValues() throws {
        let site = try site()
        try site.build()
        let home = try #require(site.output("learn/figures/index.html"))
        let median = try model().priceStats(gpu: "h100-sxm", type: .onDemand).statistic("median")
        #expect(home.contains(">\(median.formatted)</data></button>"))
        #expect(home.contains("<data value=\"4.8\">4.8 TB/s</data>"))
        #expect(home.contains("<data value=\"0.4\">40%</data>"))
        #expect(home.contains("</strong>: median on-demand price of NVIDIA H100 SXM5 across "), "derived figures say how they were computed")
        #expect(home.contains("Computed by the Signals model: median of the providers&#39; latest per-GPU prices"))
    }

    @Test func compareTableIsSemanticAndSourced() throws {
        let site = try site()
        try site.build()
        let html = try #require(site.output("learn/compare/index.html"))
        #expect(html.contains("<caption>How NVIDIA H100 SXM5, NVIDIA H200 SXM and NVIDIA B200"))
        #expect(html.contains("<th scope=\"col\">NVIDIA H100 SXM5</th>"))
        #expect(html.contains("<th scope=\"row\">BF16 dense (TFLOPS)</th><td class=\"num\"><data value=\"989\">989</data> <a class=\"src-ref\" href=\"#compare-1-src-1\" aria-label=\"source 1\">[1]</a>"),
                "source markers are bracketed on the line, never raised like an exponent")
        #expect(html.contains("<ol class=\"sources\"><li id=\"compare-1-src-1\"><a href=\"https://github.com/stas00/ml-engineering"))
        #expect(html.contains("<a href=\"compare-1.csv\" download>CSV</a>"))
        let csv = try #require(site.output("learn/compare/compare-1.csv"))
        #expect(csv.hasPrefix("metric,h100-sxm,h200-sxm,b200\nbf16-dense,989,989,2250\n"))
        #expect(site.output("learn/compare/compare-1.json")?.contains("\"metric\" : \"median-price\"") == true)
    }

    @Test func priceTableListsEveryProviderWithDateAndSource() throws {
        let site = try site()
        try site.build()
        let html = try #require(site.output("learn/compare/index.html"))
        let stats = try model().priceStats(gpu: "h100-sxm", type: .onDemand)
        let rows = html.components(separatedBy: "<tr><th scope=\"row\">").count - 1
        // compare table has 3 metric rows; the prices table one row per provider.
        #expect(rows == 3 + stats.count)
        #expect(html.contains("Median: <data value=\"\(FigureText.machine(try stats.statistic("median").value ?? 0))\">"))
        #expect(html.contains("<time datetime=\"2026-11-09\">2026-11-09</time>"))
    }

    @Test func priceHistoryIsAnAccessibleSVGWithItsData() throws {
        let site = try site()
        try site.build()
        let html = try #require(site.output("learn/history/index.html"))
        #expect(html.contains("<svg class=\"chart chart-wide\" viewBox=\"0 0 640 340\" role=\"img\" aria-labelledby=\"price-history-1-wide-title price-history-1-wide-desc\""))
        #expect(html.contains("<svg class=\"chart chart-narrow\" viewBox=\"0 0 360 300\" role=\"img\" aria-labelledby=\"price-history-1-narrow-title price-history-1-narrow-desc\""))
        #expect(html.contains("<title id=\"price-history-1-wide-title\">NVIDIA H100 SXM5: price per GPU-hour over time</title>"))
        let observations = try model().prices.filter { $0.gpu == "h100-sxm" && ($0.type == .onDemand || $0.type == .contract) }
        // Every observation is a mark in each of the two drawings (circles for the first type, squares for the second).
        let marks = html.components(separatedBy: "<svg class=\"chart ").dropFirst()
            .map { ($0.components(separatedBy: "</svg>").first ?? "").components(separatedBy: "class=\"mark\"").count - 1 }.reduce(0, +)
        #expect(marks == 2 * observations.count)
        #expect(html.components(separatedBy: "<tr><td><time").count - 1 == observations.count)
        // The on-demand line ends at the headline median as of the newest observation (2026-11-09), worked by hand from
        // the frozen prices.csv: the providers' latest per-GPU prices are Nebius 3.85, Lambda 3.99, RunPod 3.99,
        // CoreWeave 49.24/8 = 6.155, AWS 55.04/8 = 6.88, Oracle 10.00, Google 10.98, Azure 98.32/8 = 12.29, so the
        // median is (6.155 + 6.88)/2 = 6.5175. The highest price drawn is 12.29: a fifth of it is 2.458, the nice step
        // 5, the axis top 15. In the 340-unit-high wide drawing (28 above the plot, 44 below) that median sits at
        // y = 28 + (1 - 6.5175/15) × 268 = 179.554, written 179.6.
        let expectedY = "179.6"
        let onDemand = observations.filter { $0.type == .onDemand }
        let wide = try #require(html.components(separatedBy: "<svg class=\"chart chart-wide\"").dropFirst().first?.components(separatedBy: "</svg>").first)
        let lastLine = try #require(wide.components(separatedBy: "<g class=\"series s0\"").dropFirst().first?.components(separatedBy: "<polyline ").last)
        let points = try #require(lastLine.components(separatedBy: "points=\"").dropFirst().first?.components(separatedBy: "\"").first)
        #expect(points.split(separator: " ").last?.hasSuffix(",\(expectedY)") == true, "\(points)")
        #expect(html.contains("<strong>on-demand</strong>: marks = observations; line = median of the providers&#39; latest prices"))
        #expect(html.contains("<p class=\"chart-summary\">On-demand: \(onDemand.count) observations from "))
        #expect(html.contains("<a href=\"/data/#source-r-aws-verify\">R-AWS-VERIFY</a>"), "the data table's source codes link to the sources list")
    }

    @Test func trainingExampleMatchesTheHandCheckedFigures() throws {
        let site = try site()
        try site.build()
        let html = try #require(site.output("learn/train/index.html"))
        #expect(html.contains("<data value=\"3.7908e+25\">3.79e25 FLOPs</data>"))
        #expect(html.contains("26.6 million GPU-hours"))
        #expect(html.contains("<div class=\"formula\">"))
    }

    @Test func aWorkedExampleIsACalculatorOverItsStaticFigures() throws {
        let site = try site("""

        -- templates/base.mustache --
        <!doctype html><title>{{page.title}}</title>{{#page.hasCalculator}}<script src="/js/calc.js" defer></script>{{/page.hasCalculator}}
        <main>{{$main}}{{/main}}</main>
        -- content/learn/off.md --
        ---
        title: Off
        ---
        ```{worked-example}
        kind: energy
        gpu: h100-sxm
        live: false
        ```
        """)
        try site.build()
        let html = try #require(site.output("learn/train/index.html"))
        // Static figures first: the steps, computed values to three significant figures, sources folded away.
        #expect(html.contains("<section class=\"worked-example\" id=\"worked-example-1\" aria-labelledby=\"worked-example-1-title\" data-calc>"))
        #expect(html.contains("<li data-step=\"flops\"><span class=\"step-label\">Training compute</span> = <strong class=\"step-value\"><data value=\"3.7908e+25\">3.79e25 FLOPs</data>"))
        #expect(html.contains("<li data-in=\"params\"><span class=\"in-label\">parameters</span>: <data value=\"405000000000\">405 billion parameters</data> <a class=\"src-ref\""))
        #expect(html.contains("<details class=\"sources-fold\"><summary>Sources ("))
        // The form: closed, disabled until the script runs, every field labelled, the published values in it.
        #expect(html.contains("<details class=\"calc\"><summary>Change the inputs</summary><form class=\"calc-form\" data-calc-form novalidate><fieldset disabled>"))
        #expect(html.contains("<label for=\"worked-example-1-params\">Parameters</label><input id=\"worked-example-1-params\" name=\"params\" type=\"text\" inputmode=\"decimal\" autocomplete=\"off\" spellcheck=\"false\" value=\"405e9\""))
        #expect(html.contains("value=\"15.6e12\""))
        #expect(html.contains("<button type=\"button\" data-calc-reset>Reset to published figures</button>"))
        #expect(html.contains("role=\"status\" aria-live=\"polite\""))
        // The formulas as data, one definition: the model's expression, bound to this example's names.
        #expect(html.contains("{\"name\":\"flops\",\"expr\":[\"*\",[\"*\",[\"k\",6],[\"in\",\"params\"]],[\"in\",\"tokens\"]],\"shown\":true}"))
        #expect(html.contains("<script src=\"/js/calc.js\" defer></script>"), "the page with a calculator loads its script")
        // Another GPU's figures name their sources: a spec its code and date, a median its providers; linked to /data/.
        let b200 = try model().accelerator(id: "b200")
        #expect(html.contains("\"sources\":{\"peak\":{\"text\":\"\(b200.peak(.bf16).provenance.source), as of \(b200.peak(.bf16).provenance.asOf)\",\"href\":\"/data/#source-"))
        #expect(html.contains("\"price\":{\"text\":\"median of 7 providers' prices in prices.csv, newest "))
        #expect(html.contains("\"href\":\"/data/#prices-csv\"}"))
        let off = try #require(site.output("learn/off/index.html"))
        #expect(off.contains("<section class=\"worked-example\" id=\"worked-example-1\" aria-labelledby=\"worked-example-1-title\">"))
        #expect(!off.contains("data-calc") && !off.contains("/js/calc."), "`live: false` gives the static example and no script")
        let figures = try #require(site.output("learn/figures/index.html"))
        #expect(!figures.contains("/js/calc."), "pages without a calculator load no calculator script")
    }

    static let valueTable = """
    cpus: [xeon-8480]
    gpus: [h100-sxm, b200]
    metrics: [bf16-dense, median-price, usd-per-pflop-hour, usd-per-gb-hour]
    """

    @Test func aLiveCompareTableIsTheStaticTablePlusAPriceForm() throws {
        let site = try site("""

        -- templates/base.mustache --
        <!doctype html><title>{{page.title}}</title>{{#page.hasCalculator}}<script src="/js/calc.js" defer></script>{{/page.hasCalculator}}
        <main>{{$main}}{{/main}}</main>
        -- content/learn/value.md --
        ---
        title: Value
        ---
        ```{compare}
        \(Self.valueTable)
        live: true
        ```
        -- content/learn/value-static.md --
        ---
        title: Value, static
        ---
        ```{compare}
        \(Self.valueTable)
        ```
        """)
        try site.build()
        let live = try #require(site.output("learn/value/index.html"))
        let plain = try #require(site.output("learn/value-static/index.html"))
        let data = try model()
        let h100 = try data.accelerator(id: "h100-sxm")
        let median = try #require(try data.priceStats(gpu: "h100-sxm", type: .onDemand).median?.value)
        // The form: closed, disabled until the script runs, one labelled price per accelerator (none for the CPU).
        #expect(live.contains("<figure class=\"data-table compare\" id=\"compare-1\" data-calc>"))
        #expect(live.contains("<details class=\"calc\"><summary>Use your own prices</summary><form class=\"calc-form\" data-calc-form novalidate><fieldset disabled>"))
        #expect(live.contains("<label for=\"compare-1-price-h100-sxm\">\(h100.name): price per GPU-hour (USD)</label><input id=\"compare-1-price-h100-sxm\" name=\"price-h100-sxm\" type=\"text\" inputmode=\"decimal\""))
        #expect(live.contains("value=\"\(LiveExample.inputText(median))\" aria-describedby=\"compare-1-price-h100-sxm-note\">"))
        #expect(live.contains("<span class=\"calc-note\" id=\"compare-1-price-h100-sxm-note\">published: the data&#39;s median on-demand price</span>"))
        #expect(!live.contains("price-xeon-8480"))
        #expect(live.contains("<button type=\"button\" data-calc-reset>Reset to published figures</button>"))
        #expect(live.contains("role=\"status\" aria-live=\"polite\""))
        // One definition: the rows' expressions are the model's, the cells found by position (the CPU is column 0).
        #expect(live.contains("{\"index\":3,\"metric\":\"usd-per-gb-hour\",\"label\":\"per GB of HBM per hour\",\"expr\":[\"/\",[\"in\",\"price\"],[\"in\",\"memory\"]],\"unit\":\"USD/GB-hour\"}"))
        #expect(live.contains("{\"id\":\"h100-sxm\",\"key\":\"price-h100-sxm\",\"index\":1,\"name\":"))
        #expect(live.contains("\"values\":{\"memory\":80,\"peak\":989}"))
        #expect(live.contains("/js/calc."), "a page with a live table loads the calculator script")
        // Without the form and its data, the table is byte for byte the static one.
        let figure = { (html: String) -> String in
            guard let start = html.range(of: "<figure class=\"data-table compare\""), let end = html.range(of: "</figure>", range: start.upperBound..<html.endIndex) else { return "" }
            return String(html[start.lowerBound..<end.upperBound])
        }
        var stripped = figure(live).replacingOccurrences(of: " data-calc>", with: ">")
        if let form = stripped.range(of: "<details class=\"calc\">"), let script = stripped.range(of: "</script>", range: form.upperBound..<stripped.endIndex) {
            stripped.removeSubrange(form.lowerBound..<script.upperBound)
        }
        #expect(!figure(plain).isEmpty && stripped == figure(plain))
        #expect(!plain.contains("data-calc") && !plain.contains("/js/calc."), "a compare table is static unless `live: true`")
    }

    @Test func aLiveCompareTableNeedsAPerUnitRow() throws {
        let site = try site("\n-- content/learn/bad.md --\n---\ntitle: Bad\n---\n```{compare}\ngpus: [h100-sxm]\nmetrics: [memory, median-price]\nlive: true\n```\n")
        let failure = try #require(site.failure())
        #expect(failure.diagnostics.map(\.description).contains {
            $0.contains("content/learn/bad.md:") && $0.contains("a live compare table needs a row that divides the price by a spec")
        })
    }

    @Test func theLiveCompareCheckReportsACellTheExpressionsDoNotReproduce() throws {
        let data = try model()
        let processors = try ["h100-sxm", "b200"].map { Processor.accelerator(try data.accelerator(id: $0)) }
        let stats = try Dictionary(uniqueKeysWithValues: ["h100-sxm", "b200"].map { ($0, try data.priceStats(gpu: $0, type: .onDemand)) })
        let metrics: [Metric] = [.medianPrice, .usdPerTBsHour]
        let plan = try #require(LiveCompare.plan(metrics: metrics, processors: processors, stats: stats, type: .onDemand, data: data))
        var figures: [Metric: [String: Figure]] = [:]
        for metric in metrics {
            for processor in processors {
                figures[metric, default: [:]][processor.id] = try data.figure(metric: metric.rawValue, for: processor, prices: stats[processor.id])
            }
        }
        #expect(plan.check(figures).isEmpty)
        figures[.usdPerTBsHour]?["b200"]?.quantity = .number(1.0)
        #expect(plan.check(figures).count == 1)
        #expect(plan.check(figures).first?.hasPrefix("usd-per-tbs-hour of b200: expression gives ") == true)
    }

    @Test func aLiveSwitchThatIsNotABooleanIsAnError() throws {
        let site = try site("\n-- content/learn/bad.md --\n---\ntitle: Bad\n---\n```{worked-example}\nkind: energy\ngpu: h100-sxm\nlive: maybe\n```\n")
        let failure = try #require(site.failure())
        #expect(failure.diagnostics.map(\.description).contains { $0.contains("'live' must be true or false, not 'maybe'") })
    }

    @Test func cpuColumnsShowDerivedPeaksWithTheirFormula() throws {
        let site = try site()
        try site.build()
        let html = try #require(site.output("learn/cpu/index.html"))
        #expect(html.contains("<th scope=\"col\">Intel Xeon Platinum 8480+</th><th scope=\"col\">NVIDIA H100 SXM5</th>"))
        #expect(html.contains("<th scope=\"row\">Cores (CPU cores; GPU FP32 cores)</th><td class=\"num\"><data value=\"56\">56</data>"))
        #expect(html.contains("<td class=\"num\"><data value=\"16896\">16,896</data>"))
        #expect(html.contains("<data value=\"114.688\">114.688</data>"))
        #expect(html.contains("<data value=\"373.3333333\">373</data>"))
        #expect(html.contains("<span title=\"no HBM; memory sits in DIMM slots\">—</span>"))
        #expect(html.contains("Computed by the Signals model: cores × base clock (GHz) × BF16 FLOPs per cycle per core ÷ 1,000, from "))
        #expect(html.contains(">56 cores</data></button>"))
        #expect(html.contains("<data value=\"0.62\">62%</data></button>"))
        #expect(html.contains("<strong>62%</strong>: SK hynix share of HBM shipments, Q2 2025. <a href=\"https://koreajoongangdaily.joins.com/\">Korea JoongAng Daily / Yonhap (Sep 24, 2025), Counterpoint Research data</a> [<a href=\"/data/#source-r-hbm-share\">R-HBM-SHARE</a>], as of 2025-09-24 (secondary source)"))
        #expect(site.output("learn/cpu/compare-1.json")?.contains("\"cpu\" : \"xeon-8480\"") == true)
        // The training job, hand-checked in ComputeModelTests: 35,603.84 CPU-hours, 4,128.75 GPU-hours, 8.62×; a worked
        // example shows computed values to three significant figures.
        #expect(html.contains("Worked example: one training job on Intel Xeon Platinum 8480+ and on NVIDIA H100 SXM5"))
        #expect(html.contains("<data value=\"35603.84115\">35,600 CPU-hours</data>"))
        #expect(html.contains("<data value=\"4128.749579\">4,130 GPU-hours</data>"))
        #expect(html.contains(">8.62×</data>"))
    }

    @Test func aCPUChangeRerendersOnlyThePageThatShowsIt() throws {
        let site = try site()
        try site.buildIncrementally()
        let cpus = try site.read("content/data/cpus.yaml")
        try cpus.replacingOccurrences(of: "    power-w: 350", with: "    power-w: 360")
            .write(to: site.root.appendingPathComponent("content/data/cpus.yaml"), atomically: false, encoding: .utf8)
        let result = try site.buildIncrementally()
        #expect(result.report.rendered == ["learn/cpu.md"])
    }

    @Test func typoInACPUIdIsAnErrorWithASuggestion() throws {
        let site = try site("\n-- content/learn/typo.md --\n---\ntitle: Typo\n---\n```{compare}\ncpus: [xeon-8408]\ngpus: [h100-sxm]\n```\n\nInline `{spec cpu=xeon field=cores}`.\n")
        let failure = try #require(site.failure())
        // Errors only: the frozen data's one contradicted row (see FigureTruthTests) is a warning in every build of it.
        #expect(failure.diagnostics.filter { $0.severity == .error }.map(\.description) == [
            "content/learn/typo.md:5:7: error: unknown CPU 'xeon-8408'\n  hint: did you mean 'xeon-8480'? known CPUs: xeon-8480",
            "content/learn/typo.md:9:9: error: unknown CPU 'xeon'\n  hint: did you mean 'xeon-8480'? known CPUs: xeon-8480",
        ])
        let fact = try self.site("\n-- content/learn/fact.md --\n---\ntitle: Fact\n---\nShare `{fact name=hbm-share-sk-hynx-q2-2025}`.\n")
        let factFailure = try #require(fact.failure())
        let factError = factFailure.diagnostics.first { $0.severity == .error }
        #expect(factError?.description.hasPrefix("content/learn/fact.md:4:") == true)
        #expect(factError?.description.contains("unknown fact 'hbm-share-sk-hynx-q2-2025'") == true)
        #expect(factError?.description.contains("did you mean 'hbm-share-sk-hynix-q2-2025'") == true)
    }

    @Test func typoInAnAcceleratorIdIsAnErrorWithASuggestion() throws {
        let site = try site("\n-- content/learn/typo.md --\n---\ntitle: Typo\n---\nIntro.\n\n```{compare}\ngpus: [h100-sxm, h20-sxm]\n```\n")
        let failure = try #require(site.failure())
        // Errors only: the frozen data's one contradicted row (see FigureTruthTests) is a warning in every build of it.
        #expect(failure.diagnostics.filter { $0.severity == .error }.map(\.description) == [
            "content/learn/typo.md:7:7: error: unknown accelerator 'h20-sxm'\n  hint: did you mean 'h200-sxm'? known accelerators: a100-sxm, h100-sxm, h100-pcie, h200-sxm, b200, gb200, mi300x, mi325x",
        ])
    }

    @Test func unknownDirectiveAndMissingParameter() throws {
        let site = try site("\n-- content/learn/bad.md --\n---\ntitle: Bad\n---\n```{comapre}\ngpus: [b200]\n```\n\n```{prices}\ntype: spot\n```\n\nInline `{price gpu=b200 stat=average}`.\n")
        let failure = try #require(site.failure())
        #expect(failure.diagnostics.filter { $0.severity == .error }.map { "\($0.location): \($0.message)" } == [
            "content/learn/bad.md:4:1: unknown directive '{comapre}'",
            "content/learn/bad.md:8:1: missing parameter 'gpu'",
            "content/learn/bad.md:12:9: unknown price statistic 'average'; valid: median, min, max, count, providers, min-provider, max-provider",
        ])
    }

    @Test func oldPricesWarnAndFailUnderStrict() throws {
        let site = try site()
        let later = TestSite.today.addingTimeInterval(200 * 86_400)
        let result = try SiteBuilder.build(BuildOptions(root: site.root, today: later))
        #expect(result.warnings.contains { $0.message.hasPrefix("the newest on-demand price for b200 is from") })
        #expect(try site.output("learn/b200/index.html")?.contains("class=\"figure stale\"") == true)
        #expect(throws: BuildFailure.self) { try SiteBuilder.build(BuildOptions(root: site.root, strict: true, today: later)) }
    }

    @Test func aPriceChangeRerendersOnlyThePagesThatShowIt() throws {
        let site = try site()
        try site.buildIncrementally()
        let unchanged = try site.buildIncrementally()
        #expect(unchanged.report.unchanged)

        let prices = try site.read("content/data/prices.csv")
        let lines = prices.split(separator: "\n", omittingEmptySubsequences: false)
        let b200Row = try #require(lines.lastIndex { $0.contains(",b200,") && $0.contains(",on-demand,") })
        var edited = lines.map(String.init)
        var fields = edited[b200Row].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let oldPrice = try #require(Double(fields[5]))
        fields[5] = String(oldPrice * 0.5)
        edited[b200Row] = fields.joined(separator: ",")
        try edited.joined(separator: "\n").write(to: site.root.appendingPathComponent("content/data/prices.csv"), atomically: false, encoding: .utf8)

        let result = try site.buildIncrementally()
        // The training example's calculator carries every GPU's median price (a reader may switch it to a B200).
        #expect(result.report.rendered == ["learn/b200.md", "learn/compare.md", "learn/train.md"])
        #expect(result.report.figureChanges.contains { $0.page == "learn/b200" && $0.figure.contains("price gpu=b200") })
        let incremental = site.snapshot()

        try FileManager.default.removeItem(at: site.root.appendingPathComponent(".signals-cache"))
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("public"))
        try site.build()
        #expect(site.snapshot() == incremental, "an incremental build gives the same public/ as a clean one")
    }
}
