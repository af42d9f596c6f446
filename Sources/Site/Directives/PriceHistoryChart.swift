import ComputeModel
import Diagnostics
import Foundation
import Markdown

/// ```` ```{price-history} ````: an SVG chart of per-GPU-hour prices over time, drawn at build time.
///
/// Every observation is a mark (one shape and colour per pricing type). The line of a type is the market median
/// as the site defines it (each provider's latest price within the statistics window), drawn as steps, and only
/// where at least `chartMinProviders` providers (content/site.yaml, default 3) have a price in the window: a lone
/// observation stays a mark and a silence stays a gap. A generated paragraph states what the chart shows (the
/// same text is the SVG's description), and the data table lists every point with its source.
/// Two drawings of the same data are emitted, one laid out for wide screens and one for phones; CSS shows one.
struct PriceHistoryChart {
    /// The fence's name, `{price-history}`, as `DirectiveRegistry` lists it.
    static let name = "price-history"
    let context: ComputeDirectives
    /// Light-scheme colours per series (CSS swaps in the dark-scheme ones by class `s0`…`s5`).
    static let colours = ["#1d4ed8", "#b45309", "#047857", "#7e22ce", "#b91c1c", "#0e7490"]

    /// One drawing's geometry, in SVG user units.
    struct Layout {
        var name: String
        var width: Double, height: Double
        var left: Double, right: Double, top: Double, bottom: Double
        var font: Double
        var marker: Double

        static let wide = Layout(name: "wide", width: 640, height: 340, left: 48, right: 16, top: 28, bottom: 44, font: 12, marker: 4)
        static let narrow = Layout(name: "narrow", width: 360, height: 300, left: 40, right: 10, top: 28, bottom: 44, font: 13, marker: 4.5)
    }

    /// One pricing type's observations and median line.
    struct Series {
        var type: PricingType
        var points: [PriceObservation]
        var line: MedianLine
    }

    func render(body: String, at location: SourceLocation, slug: String) -> DirectiveResult {
        var params = DirectiveParameters(body: body, at: location, allowed: ["gpu", "types", "caption"], directive: Self.name)
        let id = params.requiredString("gpu", example: "h100-sxm")
        var types: [PricingType] = []
        for raw in params.strings("types") ?? ["on-demand"] {
            if let type = context.pricingType(raw, params: &params, key: "types") { types.append(type) }
        }
        let caption = params.string("caption")
        let accelerator = id.flatMap { context.accelerator($0, params: &params, key: "gpu") }
        guard params.diagnostics.isEmpty, let accelerator else { return DirectiveResult(html: "", diagnostics: params.diagnostics) }

        let window = PriceStats.defaultWindowDays
        let minProviders = context.chartMinProviders
        var diagnostics: [Diagnostic] = []
        var series: [Series] = []
        for type in types {
            let rows = context.data.priceIndex.observations(gpu: accelerator.id, type: type)
            if rows.isEmpty {
                diagnostics.append(.warning(at: location, "no \(type.rawValue) prices for \(accelerator.id) in content/data/prices.csv: the chart leaves that type out",
                                            hint: "add observations, or remove '\(type.rawValue)' from types"))
                continue
            }
            series.append(Series(type: type, points: rows, line: MedianLine(rows: rows, windowDays: window, minProviders: minProviders)))
        }
        let all = series.flatMap(\.points)
        guard let first = all.map(\.date).min(), let last = all.map(\.date).max() else {
            return .failure(.error(at: location, "no \(types.map(\.rawValue).joined(separator: " or ")) prices for \(accelerator.id) in content/data/prices.csv"))
        }
        let e = HTMLText.escape
        let title = caption ?? "\(accelerator.name): price per GPU-hour over time"
        let summary = Self.summary(series, minProviders: minProviders, windowDays: window)
        let svgs = [Layout.wide, Layout.narrow].map { drawing($0, series: series, first: first, last: last, title: title, summary: summary, slug: slug) }

        var legend = "<ul class=\"legend\">"
        for (position, s) in series.enumerated() {
            let what = s.line.segments.isEmpty
                ? "marks only (never \(minProviders) providers in a window)"
                : "marks = observations; line = median of the providers' latest prices"
            legend += "<li class=\"s\(position % Self.colours.count)\">\(Self.legendKey(position: position, hasLine: !s.line.segments.isEmpty))"
            legend += "<span><strong>\(e(s.type.rawValue))</strong>: \(e(what))</span></li>"
        }
        legend += "</ul>"

        var table = "<details class=\"chart-data\"><summary>The data behind the chart</summary><div class=\"table-wrap\"><table><caption>\(e(title))</caption><thead><tr><th scope=\"col\">Observed</th><th scope=\"col\">Type</th><th scope=\"col\">Provider</th><th scope=\"col\">Offer</th><th scope=\"col\" class=\"num\">$ per GPU-hour</th><th scope=\"col\">Source</th></tr></thead><tbody>"
        var csv = [["date", "type", "provider", "offer", "usd_per_gpu_hour", "source", "source_url"]]
        var json: [[String: Any]] = []
        var dependencies: Set<DataDependency> = [DataDependency.accelerator(accelerator.id)]
        for type in types { dependencies.insert(DataDependency.prices(gpu: accelerator.id, type: type)) }
        var shortened: [String] = []
        for s in series {
            let sorted = s.points.sorted(by: { ($0.date, $0.provider, $0.offer) < ($1.date, $1.provider, $1.offer) })
            // A page is for reading: past `tableLimit` rows a series' table shows its newest rows; the downloads hold every row.
            if sorted.count > Self.tableLimit { shortened.append("\(s.type.rawValue): the newest \(Self.tableLimit) of \(sorted.count) observations") }
            for point in sorted.suffix(Self.tableLimit) {
                table += "<tr><td><time datetime=\"\(point.date)\">\(point.date)</time></td><td>\(e(s.type.rawValue))</td><th scope=\"row\">\(e(point.provider))</th><td>\(e(point.offer))</td><td class=\"num\">\(e(Format.usd(point.usdPerGPUHour)))</td><td>\(context.sourceLink(point))</td></tr>"
            }
            for point in sorted {
                csv.append([point.date.description, s.type.rawValue, point.provider, point.offer, FigureText.machine(point.usdPerGPUHour), point.source, point.sourceURL])
                json.append(["date": point.date.description, "type": s.type.rawValue, "provider": point.provider, "offer": point.offer,
                             "usdPerGPUHour": point.usdPerGPUHour, "source": point.source, "sourceURL": point.sourceURL])
            }
        }
        table += "</tbody></table></div></details>"
        let binned = series.contains { $0.points.count > Self.markLimit }
        var note = "\(e(title)), \(first) to \(last). Each mark is \(binned ? "one row of content/data/prices.csv, or where a series has more than \(Self.markLimit) rows, the rows that fall on the same spot" : "one row of content/data/prices.csv"); a line is drawn only where at least \(minProviders) providers have a price in the \(window) days up to the date."
        if !shortened.isEmpty { note += " The table lists \(e(shortened.joined(separator: "; "))); the CSV and JSON downloads list every row." }
        let html = "<figure class=\"chart-figure\" id=\"\(slug)\">\(svgs.joined())<figcaption>\(legend)<p class=\"chart-summary\">\(e(summary))</p><p class=\"table-note\">\(note)</p>\(table)\(Downloads.links(slug: slug))</figcaption></figure>"
        return DirectiveResult(html: html, diagnostics: diagnostics, dependencies: dependencies, pricesAsOf: last.description,
                               files: Downloads.files(slug: slug, rows: csv, json: json))
    }

    /// One SVG drawing of the chart.
    func drawing(_ layout: Layout, series: [Series], first: Day, last: Day, title: String, summary: String, slug: String) -> String {
        let e = HTMLText.escape
        let all = series.flatMap(\.points)
        let maxPrice = all.map(\.usdPerGPUHour).max() ?? 1
        let yStep = Self.niceStep(maxPrice / (layout.name == "narrow" ? 4 : 5))
        let yMax = (maxPrice / yStep).rounded(.up) * yStep
        let origin = Day(year: first.year, month: 1, day: 1) ?? first
        let end = Day(year: last.year + 1, month: 1, day: 1) ?? last
        let span = Double(max(1, end.days(since: origin)))
        let plotWidth = layout.width - layout.left - layout.right
        let plotBottom = layout.height - layout.bottom
        func x(_ day: Day) -> Double { layout.left + (Double(day.days(since: origin)) / span) * plotWidth }
        func y(_ price: Double) -> Double { layout.top + (1 - price / yMax) * (plotBottom - layout.top) }
        func f(_ value: Double) -> String { String(format: "%.1f", value) }
        let id = "\(slug)-\(layout.name)"
        let font = f(layout.font)

        var svg = "<svg class=\"chart chart-\(layout.name)\" viewBox=\"0 0 \(Int(layout.width)) \(Int(layout.height))\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title id=\"\(id)-title\">\(e(title))</title><desc id=\"\(id)-desc\">\(e(summary)) The table below lists every point.</desc>"
        // Axis titles with units.
        svg += "<text class=\"axis-title\" x=\"\(f(layout.left))\" y=\"\(f(layout.top - 12))\" font-size=\"\(font)\" font-weight=\"600\" fill=\"currentColor\">US$ per GPU-hour</text>"
        svg += "<text class=\"axis-title\" x=\"\(f(layout.width - layout.right))\" y=\"\(f(layout.height - 6))\" text-anchor=\"end\" font-size=\"\(font)\" font-weight=\"600\" fill=\"currentColor\">Date observed</text>"
        var tick = 0.0
        while tick <= yMax + 1e-9 {
            svg += "<line class=\"grid\" x1=\"\(f(layout.left))\" x2=\"\(f(layout.width - layout.right))\" y1=\"\(f(y(tick)))\" y2=\"\(f(y(tick)))\" stroke=\"currentColor\" stroke-opacity=\"0.18\" stroke-width=\"1\"/>"
            svg += "<text class=\"axis\" x=\"\(f(layout.left - 6))\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\" font-size=\"\(font)\" fill=\"currentColor\">\(e(tick == tick.rounded() ? "$\(Int(tick))" : Format.usd(tick)))</text>"
            tick += yStep
        }
        let years = Array(first.year...(last.year + 1))
        for year in years {
            guard let day = Day(year: year, month: 1, day: 1) else { continue }
            svg += "<line x1=\"\(f(x(day)))\" x2=\"\(f(x(day)))\" y1=\"\(f(plotBottom))\" y2=\"\(f(plotBottom + 5))\" stroke=\"currentColor\"/>"
            if year < last.year + 1 {
                // Year labels sit in the middle of their year.
                let middle = (x(day) + x(Day(year: year + 1, month: 1, day: 1) ?? day)) / 2
                svg += "<text class=\"axis\" x=\"\(f(middle))\" y=\"\(f(plotBottom + layout.font + 6))\" text-anchor=\"middle\" font-size=\"\(font)\" fill=\"currentColor\">\(year)</text>"
            }
        }
        svg += "<line x1=\"\(f(layout.left))\" x2=\"\(f(layout.width - layout.right))\" y1=\"\(f(plotBottom))\" y2=\"\(f(plotBottom))\" stroke=\"currentColor\" stroke-opacity=\"0.6\"/>"
        for (position, s) in series.enumerated() {
            let colour = Self.colours[position % Self.colours.count]
            svg += "<g class=\"series s\(position % Self.colours.count)\" color=\"\(colour)\">"
            for segment in s.line.segments {
                var points: [String] = []
                for step in segment {
                    points.append("\(f(x(step.from))),\(f(y(step.median)))")
                    points.append("\(f(x(step.to))),\(f(y(step.median)))")
                }
                svg += "<polyline class=\"median\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2.5\" stroke-linejoin=\"round\" points=\"\(points.joined(separator: " "))\"/>"
            }
            if s.points.count <= Self.markLimit {
                for point in s.points {
                    svg += Self.marker(position: position, x: x(point.date), y: y(point.usdPerGPUHour), size: layout.marker,
                                       title: "\(point.date) \(point.provider) \(point.offer): \(Format.usd(point.usdPerGPUHour)) per GPU-hour (\(s.type.rawValue))")
                }
            } else {
                // Too many rows to draw one by one: rows that land in the same cell of a grid one mark wide are one
                // mark, titled with their count, dates and price range, so the drawing stays the same size at any row count.
                let cell = 2 * layout.marker
                var cells: [[Int]: [PriceObservation]] = [:]
                for point in s.points {
                    cells[[Int((x(point.date) / cell).rounded()), Int((y(point.usdPerGPUHour) / cell).rounded())], default: []].append(point)
                }
                for key in cells.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                    guard let rows = cells[key], let first = rows.first else { continue }
                    let dates = rows.map(\.date), prices = rows.map(\.usdPerGPUHour)
                    let low = prices.min() ?? first.usdPerGPUHour, high = prices.max() ?? first.usdPerGPUHour
                    let title = rows.count == 1
                        ? "\(first.date) \(first.provider) \(first.offer): \(Format.usd(first.usdPerGPUHour)) per GPU-hour (\(s.type.rawValue))"
                        : "\(rows.count) observations, \(dates.min() ?? first.date) to \(dates.max() ?? first.date): \(Format.usd(low)) to \(Format.usd(high)) per GPU-hour (\(s.type.rawValue))"
                    svg += Self.marker(position: position, x: Double(key[0]) * cell, y: Double(key[1]) * cell, size: layout.marker, title: title)
                }
            }
            svg += "</g>"
        }
        return svg + "</svg>"
    }

    /// Above this many rows a series' marks are merged by position (see `drawing`).
    static let markLimit = 1_000
    /// Above this many rows a series' table lists its newest rows only (the downloads list every row).
    static let tableLimit = 500

    /// A mark of series `position`: circle, square, triangle, diamond, then again, so types differ by more than colour.
    static func marker(position: Int, x: Double, y: Double, size r: Double, title: String) -> String {
        func f(_ value: Double) -> String { String(format: "%.1f", value) }
        let label = "<title>\(HTMLText.escape(title))</title>"
        let style = "fill=\"currentColor\" fill-opacity=\"0.55\" stroke=\"currentColor\" stroke-width=\"1.2\""
        switch position % 4 {
        case 0: return "<circle class=\"mark\" cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(r))\" \(style)>\(label)</circle>"
        case 1: return "<rect class=\"mark\" x=\"\(f(x - r))\" y=\"\(f(y - r))\" width=\"\(f(2 * r))\" height=\"\(f(2 * r))\" \(style)>\(label)</rect>"
        case 2: return "<path class=\"mark\" d=\"M\(f(x)) \(f(y - r * 1.2))L\(f(x + r * 1.1)) \(f(y + r * 0.9))L\(f(x - r * 1.1)) \(f(y + r * 0.9))Z\" \(style)>\(label)</path>"
        default: return "<path class=\"mark\" d=\"M\(f(x)) \(f(y - r * 1.3))L\(f(x + r * 1.3)) \(f(y))L\(f(x)) \(f(y + r * 1.3))L\(f(x - r * 1.3)) \(f(y))Z\" \(style)>\(label)</path>"
        }
    }

    /// The legend's small drawing of a series: its mark, and a line when the series has one.
    static func legendKey(position: Int, hasLine: Bool) -> String {
        let line = hasLine ? "<line x1=\"1\" x2=\"27\" y1=\"8\" y2=\"8\" stroke=\"currentColor\" stroke-width=\"2.5\"/>" : ""
        return "<svg class=\"key\" width=\"28\" height=\"16\" viewBox=\"0 0 28 16\" aria-hidden=\"true\" color=\"\(colours[position % colours.count])\">\(line)"
            + marker(position: position, x: 14, y: 8, size: 4.5, title: "").replacingOccurrences(of: "<title></title>", with: "") + "</svg>"
    }

    /// What the chart shows, in words: per type, the number of observations, where the median line runs, how it
    /// moved from its first to its last value, and where it is not drawn. The SVG's description and the paragraph
    /// under the chart are this text.
    static func summary(_ series: [Series], minProviders: Int, windowDays: Int) -> String {
        var sentences: [String] = []
        for s in series {
            let count = s.points.count
            let providers = Set(s.points.map(\.provider)).count
            var text = "\(s.type.rawValue.prefix(1).uppercased())\(s.type.rawValue.dropFirst()): \(count) observation\(count == 1 ? "" : "s") from \(providers) provider\(providers == 1 ? "" : "s")"
            let steps = s.line.segments.flatMap { $0 }
            if let firstStep = steps.first, let lastStep = steps.last {
                let values = steps.map(\.median)
                let low = values.min() ?? 0, high = values.max() ?? 0
                if firstStep.from == lastStep.to {
                    text += ". The median of the providers' latest prices is drawn on one day only, \(firstStep.from): \(Format.usd(firstStep.median)) (\(firstStep.providers) providers)"
                } else if low == high {
                    text += ". The median of the providers' latest prices stayed at \(Format.usd(low)) from \(firstStep.from) to \(lastStep.to)"
                } else if firstStep.median == lastStep.median {
                    text += ". The median of the providers' latest prices moved between \(Format.usd(low)) and \(Format.usd(high)) from \(firstStep.from) to \(lastStep.to) and ended where it began, at \(Format.usd(lastStep.median))"
                } else {
                    let trend = lastStep.median < firstStep.median ? "fell" : "rose"
                    text += ". The median of the providers' latest prices \(trend) from \(Format.usd(firstStep.median)) on \(firstStep.from) to \(Format.usd(lastStep.median)) on \(lastStep.to)"
                    text += ", between \(Format.usd(low)) and \(Format.usd(high)) where drawn"
                }
                let gaps = s.line.gaps.filter { $0.from > firstStep.from && $0.from < lastStep.to }
                if !gaps.isEmpty {
                    text += "; it is not drawn from " + gaps.map { "\($0.from) to \($0.to)" }.joined(separator: " and from ")
                    text += ", when fewer than \(minProviders) providers had a price in the \(windowDays) days before"
                }
            } else if count == 1, let only = s.points.first {
                text += " (\(only.provider), \(Format.usd(only.usdPerGPUHour)) on \(only.date)); too few for a median line"
            } else {
                let prices = s.points.map(\.usdPerGPUHour)
                text += ", between \(Format.usd(prices.min() ?? 0)) and \(Format.usd(prices.max() ?? 0)); never \(minProviders) providers in \(windowDays) days, so no median line"
            }
            sentences.append(text + ".")
        }
        return sentences.joined(separator: " ")
    }

    /// 1, 2 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0 else { return 1 }
        let power = pow(10, floor(log10(raw)))
        for factor in [1.0, 2, 5, 10] where factor * power >= raw { return factor * power }
        return 10 * power
    }
}
