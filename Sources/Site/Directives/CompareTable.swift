import ComputeModel
import Diagnostics
import Foundation
import Markdown

/// ```` ```{compare} ````: specs and prices of several accelerators side by side, dense figures labelled.
/// `cpus:` adds server CPUs from cpus.yaml as the first columns (their peaks are derived by the model). `live: true`
/// makes the rows in $ per unit of work follow a price the reader types for each accelerator (`LiveCompare`).
struct CompareTable {
    let context: ComputeDirectives
    static let defaultMetrics = ["bf16-dense", "fp8-dense", "fp4-dense", "memory", "bandwidth", "power", "median-price", "usd-per-pflop-hour"]

    func render(body: String, at location: SourceLocation, slug: String) -> DirectiveResult {
        var params = DirectiveParameters(body: body, at: location, allowed: ["gpus", "cpus", "metrics", "type", "caption", "live"], directive: "compare")
        let ids = params.strings("gpus") ?? []
        if ids.isEmpty && !params.has("gpus") { params.fail(nil, "missing parameter 'gpus'", hint: "add `gpus: [h100-sxm, h200-sxm, b200]`") }
        let metricNames = params.strings("metrics") ?? Self.defaultMetrics
        let type = context.pricingType(params.string("type"), params: &params, key: "type")
        let caption = params.string("caption")
        let live = params.has("live") ? WorkedExample.liveSwitch(&params) : false
        var processors: [Processor] = []
        for id in params.strings("cpus") ?? [] {
            if let cpu = context.cpu(id, params: &params, key: "cpus") { processors.append(.cpu(cpu)) }
        }
        var accelerators: [Accelerator] = []
        for id in ids {
            if let accelerator = context.accelerator(id, params: &params, key: "gpus") { accelerators.append(accelerator) }
        }
        processors += accelerators.map(Processor.accelerator)
        var metrics: [Metric] = []
        for name in metricNames {
            do { metrics.append(try Metric.named(name)) } catch { params.fail("metrics", error.description) }
        }
        guard params.diagnostics.isEmpty, let type, !accelerators.isEmpty else {
            return DirectiveResult(html: "", diagnostics: params.diagnostics)
        }

        var result = DirectiveResult(html: "")
        for case .cpu(let cpu) in processors { result.dependencies.insert(DataDependency.cpu(cpu.id)) }
        var notes = SourceNotes(idPrefix: slug, dataURL: context.dataURL)
        var pricesAsOf: Day?
        var stale: Set<String> = []
        var stats: [String: PriceStats] = [:]
        for accelerator in accelerators {
            result.dependencies.insert(DataDependency.accelerator(accelerator.id))
            guard metrics.contains(where: \.needsPrice) else { continue }
            result.dependencies.insert(DataDependency.prices(gpu: accelerator.id, type: type))
            if let priceStats = try? context.data.priceStats(gpu: accelerator.id, type: type) {
                stats[accelerator.id] = priceStats
                if let newest = priceStats.newest, newest > (pricesAsOf ?? newest) || pricesAsOf == nil { pricesAsOf = newest }
                if let warning = context.staleness(priceStats, at: location) {
                    result.diagnostics.append(warning)
                    stale.insert(accelerator.id)
                }
            }
        }

        // Figures by metric and column, computed once: the cells and the live plan's check read the same ones.
        var figures: [Metric: [String: Figure]] = [:]
        for metric in metrics {
            for processor in processors {
                figures[metric, default: [:]][processor.id] = figure(metric: metric, processor: processor, stats: stats[processor.id])
            }
        }
        var calculator: LiveCompare?
        if live {
            guard let plan = LiveCompare.plan(metrics: metrics, processors: processors, stats: stats, type: type, data: context.data) else {
                params.fail("live", "a live compare table needs a row that divides the price by a spec",
                            hint: "add usd-per-pflop-hour, usd-per-gb-hour or usd-per-tbs-hour to `metrics`, or remove `live: true`")
                return DirectiveResult(html: "", diagnostics: params.diagnostics)
            }
            let problems = plan.check(figures)
            guard problems.isEmpty else {
                params.fail("live", "the live formulas of this table disagree with the model: \(problems.joined(separator: "; "))",
                            hint: "the expressions in Sources/ComputeModel/LiveFormula.swift must restate the model's functions; or remove `live: true`")
                return DirectiveResult(html: "", diagnostics: params.diagnostics)
            }
            calculator = plan
        }

        let e = HTMLText.escape
        let names = processors.map(\.name)
        var rows: [[String]] = [["metric"] + processors.map(\.id)]
        var json: [[String: Any]] = []
        var html = "<figure class=\"data-table compare\" id=\"\(slug)\"\(calculator == nil ? "" : " data-calc")><div class=\"table-wrap\"><table>"
        html += "<caption>\(e(caption ?? "How \(Self.list(names)) compare"))"
        if metrics.contains(where: \.needsPrice) {
            html += " <span class=\"caption-note\">(prices: median \(e(type.rawValue)) $ per GPU-hour\(pricesAsOf.map { ", newest observation \($0)" } ?? ""))</span>"
        }
        html += "</caption><thead><tr><th scope=\"col\">Metric</th>"
        for name in names { html += "<th scope=\"col\">\(e(name))</th>" }
        html += "</tr></thead><tbody>"
        for metric in metrics {
            html += "<tr><th scope=\"row\">\(e(metric.label))</th>"
            var row = [metric.rawValue]
            for processor in processors {
                let figure = figures[metric]?[processor.id] ?? self.figure(metric: metric, processor: processor, stats: stats[processor.id])
                let cell = self.cell(figure: figure, metric: metric, stale: stale.contains(processor.id), notes: &notes)
                html += cell.html
                row.append(cell.machine)
                if cell.isNumber { result.figures["\(processor.name) \(metric.label)"] = cell.text }
                json.append([processor.jsonKey: processor.id, "metric": metric.rawValue, "label": metric.label, "value": cell.value ?? NSNull(),
                             "text": cell.text, "source": cell.source, "asOf": cell.asOf])
            }
            rows.append(row)
            html += "</tr>"
        }
        html += "</tbody></table></div>"
        if let calculator {
            html += calculator.form(slug: slug) + "<script type=\"application/json\" data-calc-data>" + calculator.json() + "</script>"
        }
        html += "<figcaption>"
        html += "<p class=\"table-note\">Peak throughput is <strong>dense</strong> (no 2:4 sparsity); vendors' datasheets quote sparse figures twice as large.</p>"
        html += notes.html()
        html += Downloads.links(slug: slug)
        html += "</figcaption></figure>"
        result.html = html
        result.pricesAsOf = pricesAsOf?.description
        result.files = Downloads.files(slug: slug, rows: rows, json: json)
        return result
    }

    private struct Cell {
        var html: String
        var text: String
        var machine: String
        var value: Double?
        var isNumber: Bool { value != nil }
        var source: String
        var asOf: String
    }

    /// The model's figure for one cell, or a "not available" figure with the reason.
    private func figure(metric: Metric, processor: Processor, stats: PriceStats?) -> Figure {
        do {
            return try context.data.figure(metric: metric.rawValue, for: processor, prices: stats)
        } catch {
            return Figure(metric.label, .notAvailable(error.description), .text, provenance: .derived(asOf: context.data.today))
        }
    }

    /// One table cell: the figure (or "—" with the reason), its source marker, and stale-price marking.
    private func cell(figure: Figure, metric: Metric, stale: Bool, notes: inout SourceNotes) -> Cell {
        let text = FigureText.cell(figure)
        let value = figure.value
        var showsSource = value != nil
        if case .text = figure.quantity { showsSource = true }
        var classes: [String] = value != nil ? ["num"] : []
        if metric.needsPrice && stale { classes.append("stale") }
        let classAttribute = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
        let marker = showsSource ? notes.marker(for: figure) : ""
        return Cell(html: "<td\(classAttribute)>\(FigureText.data(figure, text: text))\(marker)</td>", text: text,
                    machine: value.map(FigureText.machine) ?? text, value: value,
                    source: figure.provenance.source, asOf: figure.provenance.asOf.description)
    }

    static func list(_ names: [String]) -> String {
        switch names.count {
        case 0: return ""
        case 1: return names[0]
        case 2: return "\(names[0]) and \(names[1])"
        default: return names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
        }
    }
}

private extension Processor {
    /// The key naming the column in the table's JSON download: "gpu" or "cpu".
    var jsonKey: String {
        switch self {
        case .accelerator: "gpu"
        case .cpu: "cpu"
        }
    }
}
