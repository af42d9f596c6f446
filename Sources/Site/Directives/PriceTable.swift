import ComputeModel
import Diagnostics
import Foundation
import Markdown

/// ```` ```{prices} ````: the latest price from each provider for one accelerator and pricing type, with dates and sources.
struct PriceTable {
    /// The fence's name, `{prices}`, as `DirectiveRegistry` lists it.
    static let name = "prices"
    let context: ComputeDirectives

    func render(body: String, at location: SourceLocation, slug: String) -> DirectiveResult {
        var params = DirectiveParameters(body: body, at: location, allowed: ["gpu", "type", "caption"], directive: Self.name)
        let id = params.requiredString("gpu", example: "h100-sxm")
        let type = context.pricingType(params.string("type"), params: &params, key: "type")
        let caption = params.string("caption")
        let accelerator = id.flatMap { context.accelerator($0, params: &params, key: "gpu") }
        guard params.diagnostics.isEmpty, let accelerator, let type else { return DirectiveResult(html: "", diagnostics: params.diagnostics) }
        let stats: PriceStats
        do {
            stats = try context.data.priceStats(gpu: accelerator.id, type: type)
        } catch {
            return .failure(.error(at: location, error.description))
        }
        guard !stats.latestByProvider.isEmpty else {
            return .failure(.error(at: location, "no \(type.rawValue) prices for \(accelerator.id) in content/data/prices.csv within \(stats.windowDays) days of \(stats.asOf)",
                                   hint: "add observations, or pick another pricing type"))
        }
        var result = DirectiveResult(html: "", dependencies: [DataDependency.accelerator(accelerator.id),
                                                              DataDependency.prices(gpu: accelerator.id, type: type)])
        let stale = context.staleness(stats, at: location)
        if let stale { result.diagnostics.append(stale) }
        let e = HTMLText.escape
        let rows = stats.latestByProvider.sorted { a, b in
            a.usdPerGPUHour != b.usdPerGPUHour ? a.usdPerGPUHour < b.usdPerGPUHour : a.provider < b.provider
        }
        var html = "<figure class=\"data-table prices\" id=\"\(slug)\"><div class=\"table-wrap\"><table>"
        html += "<caption>\(e(caption ?? "\(accelerator.name): latest \(type.rawValue) price from each provider"))"
        if let newest = stats.newest {
            html += " <span class=\"caption-note\(stale == nil ? "" : " stale")\">(newest observation \(newest)\(stale == nil ? "" : ", older than \(context.maxPriceAgeDays) days"))</span>"
        }
        html += "</caption><thead><tr><th scope=\"col\">Provider</th><th scope=\"col\">Offer</th><th scope=\"col\" class=\"num\">GPUs</th>"
        html += "<th scope=\"col\" class=\"num\">$ per instance-hour</th><th scope=\"col\" class=\"num\">$ per GPU-hour</th><th scope=\"col\">Region</th><th scope=\"col\">Observed</th><th scope=\"col\">Source</th></tr></thead><tbody>"
        var csv = [["provider", "offer", "gpus", "usd_per_instance_hour", "usd_per_gpu_hour", "region", "date", "source", "source_url"]]
        var json: [[String: Any]] = []
        for row in rows {
            let perGPU = Format.usd(row.usdPerGPUHour)
            html += "<tr><th scope=\"row\">\(e(row.provider))</th><td>\(e(row.offer))</td><td class=\"num\">\(row.gpus)</td>"
            html += "<td class=\"num\">\(e(Format.usd(row.usdPerInstanceHour)))</td>"
            html += "<td class=\"num\"><data value=\"\(FigureText.machine(row.usdPerGPUHour))\">\(e(perGPU))</data></td>"
            html += "<td>\(e(row.region.isEmpty ? "—" : row.region))</td><td><time datetime=\"\(row.date)\">\(row.date)</time></td>"
            // The code links to its entry in the sources list on /data/; the arrow to the page the price was read on.
            let link = context.sourceLink(row)
            // The tag is explained under the table (a tooltip would reach no phone or keyboard).
            html += "<td>\(link) <span class=\"confidence\">\(e(row.confidence.rawValue))</span></td></tr>"
            csv.append([row.provider, row.offer, String(row.gpus), FigureText.machine(row.usdPerInstanceHour), FigureText.machine(row.usdPerGPUHour),
                        row.region, row.date.description, row.source, row.sourceURL])
            json.append(["provider": row.provider, "offer": row.offer, "gpus": row.gpus, "usdPerInstanceHour": row.usdPerInstanceHour,
                         "usdPerGPUHour": row.usdPerGPUHour, "region": row.region, "date": row.date.description,
                         "source": row.source, "sourceURL": row.sourceURL])
            result.figures["\(accelerator.name) \(type.rawValue) \(row.provider) $/GPU-hr"] = perGPU
        }
        html += "</tbody></table></div><figcaption><p class=\"table-note\">$ per GPU-hour = instance price ÷ GPUs per instance, computed by the model."
        for name in ["min", "median", "max"] {
            if let figure = try? stats.statistic(name) {
                html += " \(name.capitalized): \(FigureText.data(figure, text: figure.formatted))."
                result.figures["\(accelerator.name) \(type.rawValue) \(name) $/GPU-hr"] = figure.formatted
            }
        }
        // What the range holds, generated from its rows: its pricing type and who sits at either end.
        if let cheapest = stats.latestByProvider.first, let dearest = stats.latestByProvider.last {
            html += " The table holds \(e(type.rawValue)) prices only, one per provider (\(stats.count)): the cheapest is \(e(cheapest.provider))'s \(e(cheapest.offer))"
            html += stats.count > 1 ? ", the dearest \(e(dearest.provider))'s \(e(dearest.offer))." : "."
        }
        html += " Confidence tags: P primary, S secondary, S- weak secondary.</p>"
        html += Downloads.links(slug: slug) + "</figcaption></figure>"
        result.html = html
        result.pricesAsOf = stats.newest?.description
        result.files = Downloads.files(slug: slug, rows: csv, json: json)
        return result
    }
}
