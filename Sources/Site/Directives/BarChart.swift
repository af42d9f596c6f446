import ComputeModel
import Diagnostics
import Foundation
import Markdown

/// ```` ```{bar-chart} ````: one metric across accelerators as horizontal bars, drawn in inline SVG at build time.
///
/// ```
/// metric: bandwidth            # any numeric compare metric: bandwidth, bf16-dense, median-price, memory, …
/// gpus: [h100-sxm, h200-sxm]   # optional; default every accelerator of accelerators.yaml, in file order
/// type: on-demand              # pricing type of the price metrics (default on-demand)
/// caption: …                   # optional title
/// ```
///
/// Every bar starts at zero and its length is the value ÷ the largest value shown. The SVG has no `viewBox`:
/// its x coordinates are percentages of the figure's width and its text is in CSS pixels, so the labels keep
/// their size on a phone instead of shrinking with the drawing. The SVG is `role="img"` with a title and a
/// description that state every value; the figures, their sources and dates are also in a table under it.
struct BarChart {
    /// The fence's name, `{bar-chart}`, as `DirectiveRegistry` lists it.
    static let name = "bar-chart"
    let context: ComputeDirectives
    /// Height of one accelerator's row: the name and value on one line, the bar under them.
    static let rowHeight = 46
    static let barY = 22, barHeight = 14, lineHeight = 17

    func render(body: String, at location: SourceLocation, slug: String) -> DirectiveResult {
        var params = DirectiveParameters(body: body, at: location, allowed: ["metric", "gpus", "type", "caption"], directive: Self.name)
        let metricName = params.requiredString("metric", example: "bandwidth")
        var metric: Metric?
        if let metricName {
            do {
                let named = try Metric.named(metricName)
                if Self.textMetrics.contains(named) {
                    params.fail("metric", "metric '\(metricName)' is text, not a number, so it cannot be drawn as bars",
                                hint: "bar charts draw: \(Self.numericMetrics.map(\.rawValue).joined(separator: ", "))")
                } else {
                    metric = named
                }
            } catch {
                let names = Self.numericMetrics.map(\.rawValue)
                params.fail("metric", "unknown metric '\(metricName)'",
                            hint: (Suggestion.closest(to: metricName, in: names).map { "did you mean '\($0)'? " } ?? "") + "bar charts draw: \(names.joined(separator: ", "))")
            }
        }
        let type = context.pricingType(params.string("type"), params: &params, key: "type")
        let caption = params.string("caption")
        let listed = params.strings("gpus")
        var accelerators: [Accelerator] = []
        if let listed {
            if listed.isEmpty { params.fail("gpus", "'gpus' lists no accelerators", hint: "list at least one, or leave 'gpus' out to draw every accelerator") }
            for id in listed {
                if let accelerator = context.accelerator(id, params: &params, key: "gpus") { accelerators.append(accelerator) }
            }
        } else {
            accelerators = context.data.accelerators
        }
        guard params.diagnostics.isEmpty, let metric, let type, !accelerators.isEmpty else {
            return DirectiveResult(html: "", diagnostics: params.diagnostics)
        }

        var result = DirectiveResult(html: "")
        if listed == nil { result.dependencies.insert(DataDependency.acceleratorList) }
        var bars: [Bar] = []
        var pricesAsOf: Day?
        for accelerator in accelerators {
            result.dependencies.insert(DataDependency.accelerator(accelerator.id))
            var stats: PriceStats?
            if metric.needsPrice {
                result.dependencies.insert(DataDependency.prices(gpu: accelerator.id, type: type))
                stats = try? context.data.priceStats(gpu: accelerator.id, type: type)
                if let stats, stats.count > 0 {
                    if let newest = stats.newest, pricesAsOf.map({ newest > $0 }) ?? true { pricesAsOf = newest }
                    if let warning = context.staleness(stats, at: location) { result.diagnostics.append(warning) }
                }
            }
            let figure: Figure
            if metric.needsPrice, (stats?.count ?? 0) == 0 {
                figure = Figure(metric.label, .notAvailable("no \(type.rawValue) price in the data"), .usdPerGPUHour,
                                provenance: .derived(asOf: context.data.today))
            } else {
                do {
                    figure = try context.data.figure(metric: metric.rawValue, for: accelerator, prices: stats)
                } catch {
                    figure = Figure(metric.label, .notAvailable(error.description), .text, provenance: .derived(asOf: context.data.today))
                }
            }
            bars.append(Bar(accelerator: accelerator, figure: figure))
        }
        let largest = bars.compactMap(\.figure.value).max() ?? 0
        guard largest > 0 else {
            return .failure(.error(at: location, "no accelerator of this chart has a value for '\(metric.rawValue)'",
                                   hint: metric.needsPrice ? "add \(type.rawValue) observations to content/data/prices.csv, or pick another pricing type"
                                                           : "fill the figure in content/data/accelerators.yaml, or pick another metric"))
        }

        let e = HTMLText.escape
        let what = Self.title(metric, type: type)
        let title = caption ?? "\(what) by accelerator"
        // A name too long to share its line with the value on a phone is broken over two lines or more.
        let nameLines = bars.map { bar in
            DiagramText.lines(bar.accelerator.name, width: DiagramText.narrowestWidth - DiagramText.width(of: bar.text, fontSize: 14, bold: true) - 16, fontSize: 14)
        }
        let height = bars.count * Self.rowHeight + nameLines.reduce(0) { $0 + ($1.count - 1) * Self.lineHeight }
        var svg = "<svg class=\"bars\" width=\"100%\" height=\"\(height)\" role=\"img\" aria-labelledby=\"\(slug)-title \(slug)-desc\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title id=\"\(slug)-title\">\(e(title))</title>"
        let spoken = bars.map { "\($0.accelerator.name): \($0.text)" }.joined(separator: "; ")
        svg += "<desc id=\"\(slug)-desc\">\(e(what)). \(e(spoken)). Bars start at zero.</desc>"
        var top = 0
        for (index, bar) in bars.enumerated() {
            let lines = nameLines[index]
            let barY = top + Self.barY + (lines.count - 1) * Self.lineHeight
            svg += "<g class=\"bar-row\">"
            if lines.count == 1 {
                svg += "<text class=\"bar-name\" x=\"0\" y=\"\(top + 15)\" fill=\"currentColor\">\(e(bar.accelerator.name))</text>"
            } else {
                svg += DiagramText.svg(lines, x: "0", y: Double(top + 15), lineHeight: Double(Self.lineHeight), className: "bar-name")
            }
            svg += "<text class=\"bar-value\" x=\"100%\" y=\"\(top + 15)\" text-anchor=\"end\" fill=\"currentColor\">\(e(bar.text))</text>"
            svg += "<rect class=\"bar-track\" x=\"0\" y=\"\(barY)\" width=\"100%\" height=\"\(Self.barHeight)\" rx=\"3\" fill=\"none\" stroke=\"currentColor\" stroke-opacity=\"0.25\"/>"
            if let value = bar.figure.value, value > 0 {
                svg += "<rect class=\"bar\" x=\"0\" y=\"\(barY)\" width=\"\(Self.percent(value / largest))\" height=\"\(Self.barHeight)\" rx=\"3\" fill=\"currentColor\"/>"
            }
            svg += "</g>"
            top += Self.rowHeight + (lines.count - 1) * Self.lineHeight
        }
        svg += "</svg>"

        var notes = SourceNotes(idPrefix: slug)
        let valueHeading = Self.columnHeading(metric)
        var table = "<details class=\"bar-data\"><summary>The figures, their sources and dates</summary><div class=\"table-wrap\"><table><caption>\(e(title))</caption>"
        table += "<thead><tr><th scope=\"col\">Accelerator</th><th scope=\"col\" class=\"num\">\(e(valueHeading))</th><th scope=\"col\">As of</th></tr></thead><tbody>"
        var csv = [["gpu", "name", "metric", "value", "unit", "source", "as_of"]]
        var json: [[String: Any]] = []
        var asOfDates: [Day] = []
        for bar in bars {
            let figure = bar.figure
            let cellText = FigureText.cell(figure)
            var marker = ""
            if figure.value != nil {
                marker = notes.marker(for: figure)
                asOfDates.append(figure.provenance.asOf)
                result.figures["\(bar.accelerator.name) \(metric.label)"] = cellText
            }
            let date = figure.value == nil ? "—" : "<time datetime=\"\(figure.provenance.asOf)\">\(figure.provenance.asOf)</time>"
            table += "<tr><th scope=\"row\">\(e(bar.accelerator.name))</th><td class=\"num\">\(FigureText.data(figure, text: cellText))\(marker)</td><td>\(date)</td></tr>"
            csv.append([bar.accelerator.id, bar.accelerator.name, metric.rawValue, figure.value.map(FigureText.machine) ?? "", figure.unit.rawValue,
                        figure.provenance.source, figure.provenance.asOf.description])
            json.append(["gpu": bar.accelerator.id, "name": bar.accelerator.name, "metric": metric.rawValue, "value": figure.value ?? NSNull(),
                         "text": bar.text, "unit": figure.unit.rawValue, "source": figure.provenance.source, "asOf": figure.provenance.asOf.description])
        }
        table += "</tbody></table></div>\(notes.html())</details>"

        let file = metric.needsPrice ? ComputeData.pricesFile : ComputeData.acceleratorsFile
        let dataLink = "<a href=\"\(e(context.dataURL))#\(DataPage.anchor(file: file))\">\(e(file)) on the data page</a>"
        var note = "<p class=\"table-note\">"
        if metric.needsPrice {
            note += "A bar is the median of every provider's latest \(e(type.rawValue)) price per GPU-hour (instance price ÷ GPUs), computed by the model"
            if let pricesAsOf { note += "; prices as of <time datetime=\"\(pricesAsOf)\">\(pricesAsOf)</time>" }
        } else {
            note += "Vendor figures"
            if metric.isPeak { note += ", dense (no 2:4 sparsity)" }
            if let first = asOfDates.min(), let last = asOfDates.max() {
                note += first == last ? ", as of <time datetime=\"\(last)\">\(last)</time>" : ", read between <time datetime=\"\(first)\">\(first)</time> and <time datetime=\"\(last)\">\(last)</time>"
            }
        }
        note += ". Bars start at zero. Source: \(dataLink).</p>"

        result.html = "<figure class=\"bar-chart\" id=\"\(slug)\">\(svg)<figcaption>\(note)\(table)\(Downloads.links(slug: slug))</figcaption></figure>"
        result.pricesAsOf = pricesAsOf?.description
        result.files = Downloads.files(slug: slug, rows: csv, json: json)
        return result
    }

    /// One accelerator's bar.
    struct Bar {
        var accelerator: Accelerator
        var figure: Figure

        /// The value with its unit as the chart writes it: "3.35 TB/s", "989 TFLOPS", "$2.99/GPU-hour", or why there is none.
        var text: String {
            if case .notAvailable(let reason) = figure.quantity { return reason }
            return figure.formatted
        }
    }

    /// `41.9%`: a bar's length as a share of the figure's width, to one decimal.
    static func percent(_ fraction: Double) -> String {
        String(format: "%.1f%%", fraction * 100)
    }

    /// What the bars measure, with the unit: "Memory bandwidth (TB/s)", "Median on-demand price ($ per GPU-hour)".
    static func title(_ metric: Metric, type: PricingType) -> String {
        switch metric {
        case .bandwidth: "Memory bandwidth (TB/s)"
        case .bf16Dense: "Dense BF16 peak (TFLOPS)"
        case .fp8Dense: "Dense FP8 peak (TFLOPS)"
        case .fp4Dense: "Dense FP4 peak (TFLOPS)"
        case .tf32Dense: "Dense TF32 peak (TFLOPS)"
        case .memory: "Memory capacity (GB of HBM)"
        case .power: "Maximum power (W)"
        case .medianPrice: "Median \(type.rawValue) price ($ per GPU-hour)"
        case .usdPerPFLOPHour: "Median \(type.rawValue) price per dense BF16 PFLOP-hour ($)"
        case .usdPerGBHour: "Median \(type.rawValue) price per GB of HBM per hour ($)"
        case .usdPerTBsHour: "Median \(type.rawValue) price per TB/s of bandwidth per hour ($)"
        default: metric.label
        }
    }

    /// The value column's heading in the table under the chart.
    static func columnHeading(_ metric: Metric) -> String {
        metric == .medianPrice ? "$ per GPU-hour (median)" : metric.label
    }

    static let textMetrics: Set<Metric> = [.memoryType, .interconnect]
    static var numericMetrics: [Metric] { Metric.allCases.filter { !textMetrics.contains($0) } }
}

private extension Metric {
    /// Peak throughput figures, which the data gives dense.
    var isPeak: Bool { [.bf16Dense, .fp8Dense, .fp4Dense, .tf32Dense, .fp64].contains(self) }
}
