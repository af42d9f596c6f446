import ComputeModel
import Diagnostics
import Foundation
import Markdown

/// ```` ```{price-history} ````: an SVG chart of per-GPU-hour prices over time (one dot per observation; one line per
/// pricing type, the running median of each provider's latest price),
/// drawn at build time, with a title and description for screen readers and the same data as a table.
struct PriceHistoryChart {
    let context: ComputeDirectives
    static let colours = ["#2563eb", "#d97706", "#059669", "#9333ea", "#dc2626", "#0891b2"]
    static let width = 640.0, height = 320.0
    static let left = 56.0, right = 16.0, top = 16.0, bottom = 40.0

    func render(body: String, at location: SourceLocation, slug: String) -> DirectiveResult {
        var params = DirectiveParameters(body: body, at: location, allowed: ["gpu", "types", "caption"], directive: "price-history")
        let id = params.requiredString("gpu", example: "h100-sxm")
        var types: [PricingType] = []
        for raw in params.strings("types") ?? ["on-demand"] {
            if let type = context.pricingType(raw, params: &params, key: "types") { types.append(type) }
        }
        let caption = params.string("caption")
        let accelerator = id.flatMap { context.accelerator($0, params: &params, key: "gpu") }
        guard params.diagnostics.isEmpty, let accelerator else { return DirectiveResult(html: "", diagnostics: params.diagnostics) }

        let series: [(type: PricingType, points: [PriceObservation])] = types.map { type in
            (type, context.data.priceIndex.observations(gpu: accelerator.id, type: type)
                .sorted { ($0.date, $0.provider, $0.offer) < ($1.date, $1.provider, $1.offer) })
        }.filter { !$0.points.isEmpty }
        let all = series.flatMap(\.points)
        guard let first = all.map(\.date).min(), let last = all.map(\.date).max() else {
            return .failure(.error(at: location, "no \(types.map(\.rawValue).joined(separator: " or ")) prices for \(accelerator.id) in content/data/prices.csv"))
        }
        let e = HTMLText.escape
        let title = caption ?? "\(accelerator.name): price per GPU-hour over time"
        let maxPrice = all.map(\.usdPerGPUHour).max() ?? 1
        let yStep = Self.niceStep(maxPrice / 5)
        let yMax = (maxPrice / yStep).rounded(.up) * yStep
        guard let origin = Day(year: first.year, month: 1, day: 1), let end = Day(year: last.year + 1, month: 1, day: 1) else {
            return .failure(.error(at: location, "cannot place the dates of the chart"))
        }
        let endYear = last.year + 1
        let span = Double(end.days(since: origin))
        func x(_ day: Day) -> Double { Self.left + (Double(day.days(since: origin)) / span) * (Self.width - Self.left - Self.right) }
        func y(_ price: Double) -> Double { Self.top + (1 - price / yMax) * (Self.height - Self.top - Self.bottom) }
        func f(_ value: Double) -> String { String(format: "%.1f", value) }

        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\" role=\"img\" aria-labelledby=\"\(slug)-title \(slug)-desc\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title id=\"\(slug)-title\">\(e(title))</title>"
        let description = series.map { s in
            let prices = s.points.map(\.usdPerGPUHour)
            return "\(s.type.rawValue): \(s.points.count) observations from \(s.points.first?.date.description ?? "") to \(s.points.last?.date.description ?? ""), between \(Format.usd(prices.min() ?? 0)) and \(Format.usd(prices.max() ?? 0)) per GPU-hour"
        }.joined(separator: "; ")
        svg += "<desc id=\"\(slug)-desc\">\(e(description)). The table below lists every point.</desc>"
        var tick = 0.0
        while tick <= yMax + 1e-9 {
            svg += "<line class=\"grid\" x1=\"\(f(Self.left))\" x2=\"\(f(Self.width - Self.right))\" y1=\"\(f(y(tick)))\" y2=\"\(f(y(tick)))\" stroke=\"#8884\" stroke-width=\"1\"/>"
            svg += "<text class=\"axis\" x=\"\(f(Self.left - 6))\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\" font-size=\"12\" fill=\"currentColor\">\(e(Format.usd(tick)))</text>"
            tick += yStep
        }
        for year in first.year...endYear {
            guard let day = Day(year: year, month: 1, day: 1) else { continue }
            svg += "<line x1=\"\(f(x(day)))\" x2=\"\(f(x(day)))\" y1=\"\(f(Self.height - Self.bottom))\" y2=\"\(f(Self.height - Self.bottom + 5))\" stroke=\"currentColor\"/>"
            if year < endYear {
                svg += "<text class=\"axis\" x=\"\(f(x(day) + 4))\" y=\"\(f(Self.height - Self.bottom + 18))\" font-size=\"12\" fill=\"currentColor\">\(year)</text>"
            }
        }
        svg += "<text class=\"axis-title\" x=\"\(f(Self.left))\" y=\"\(f(Self.height - 4))\" font-size=\"12\" fill=\"currentColor\">Observation date · $ per GPU-hour (instance price ÷ GPUs)</text>"
        for (position, s) in series.enumerated() {
            let colour = Self.colours[position % Self.colours.count]
            // The line is the market median as the site defines it: on each observation date, the median of
            // every provider's latest price (within the statistics window), not the median of that day's rows,
            // which would jump between cheap and dear providers as they happen to be observed.
            let line = PriceStats.runningMedian(of: context.data.priceIndex.observations(gpu: accelerator.id, type: s.type))
                .map { "\(f(x($0.date))),\(f(y($0.median)))" }
            svg += "<g class=\"series series-\(position)\"><polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(line.joined(separator: " "))\"/>"
            for point in s.points {
                svg += "<circle cx=\"\(f(x(point.date)))\" cy=\"\(f(y(point.usdPerGPUHour)))\" r=\"3.5\" fill=\"\(colour)\"><title>\(e("\(point.date) \(point.provider) \(point.offer): \(Format.usd(point.usdPerGPUHour))/GPU-hour (\(s.type.rawValue))"))</title></circle>"
            }
            svg += "</g>"
        }
        svg += "</svg>"

        var legend = "<ul class=\"legend\">"
        for (position, s) in series.enumerated() {
            legend += "<li><span class=\"swatch\" style=\"background:\(Self.colours[position % Self.colours.count])\"></span>\(e(s.type.rawValue)): line = median of each provider's latest price</li>"
        }
        legend += "</ul>"

        var table = "<details class=\"chart-data\"><summary>The data behind the chart</summary><div class=\"table-wrap\"><table><caption>\(e(title))</caption><thead><tr><th scope=\"col\">Observed</th><th scope=\"col\">Type</th><th scope=\"col\">Provider</th><th scope=\"col\">Offer</th><th scope=\"col\" class=\"num\">$ per GPU-hour</th><th scope=\"col\">Source</th></tr></thead><tbody>"
        var csv = [["date", "type", "provider", "offer", "usd_per_gpu_hour", "source", "source_url"]]
        var json: [[String: Any]] = []
        var dependencies: Set<DataDependency> = [DataDependency.accelerator(accelerator.id)]
        for s in series {
            dependencies.insert(DataDependency.prices(gpu: accelerator.id, type: s.type))
            for point in s.points {
                let link = point.sourceURL.hasPrefix("http") ? "<a href=\"\(e(point.sourceURL))\">\(e(point.source))</a>" : e(point.source)
                table += "<tr><td><time datetime=\"\(point.date)\">\(point.date)</time></td><td>\(e(s.type.rawValue))</td><th scope=\"row\">\(e(point.provider))</th><td>\(e(point.offer))</td><td class=\"num\">\(e(Format.usd(point.usdPerGPUHour)))</td><td>\(link)</td></tr>"
                csv.append([point.date.description, s.type.rawValue, point.provider, point.offer, FigureText.machine(point.usdPerGPUHour), point.source, point.sourceURL])
                json.append(["date": point.date.description, "type": s.type.rawValue, "provider": point.provider, "offer": point.offer,
                             "usdPerGPUHour": point.usdPerGPUHour, "source": point.source, "sourceURL": point.sourceURL])
            }
        }
        table += "</tbody></table></div></details>"
        let html = "<figure class=\"chart-figure\" id=\"\(slug)\">\(svg)<figcaption>\(legend)<p class=\"table-note\">\(e(title)), \(first) to \(last). Each dot is one observation in content/data/prices.csv.</p>\(table)\(Downloads.links(slug: slug))</figcaption></figure>"
        return DirectiveResult(html: html, dependencies: dependencies, pricesAsOf: last.description,
                               files: Downloads.files(slug: slug, rows: csv, json: json))
    }

    /// 1, 2 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0 else { return 1 }
        let power = pow(10, floor(log10(raw)))
        for factor in [1.0, 2, 5, 10] where factor * power >= raw { return factor * power }
        return 10 * power
    }
}
