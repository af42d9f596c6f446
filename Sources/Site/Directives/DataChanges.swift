import ComputeModel
import Diagnostics
import Foundation
import Markdown

/// ```` ```{data-changes} ````: the newest observations in the data, newest first, for a "What changed" page.
struct DataChanges {
    let context: ComputeDirectives

    func render(body: String, at location: SourceLocation, slug: String) -> DirectiveResult {
        var params = DirectiveParameters(body: body, at: location, allowed: ["limit", "caption"], directive: "data-changes")
        let limit = params.number("limit").map { Int($0) } ?? 25
        let caption = params.string("caption") ?? "The \(limit) newest price observations"
        guard params.diagnostics.isEmpty else { return DirectiveResult(html: "", diagnostics: params.diagnostics) }
        let names = Dictionary(context.data.accelerators.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let newest = context.data.prices.sorted { a, b in a.date != b.date ? a.date > b.date : a.id < b.id }.prefix(limit)
        let e = HTMLText.escape
        var html = "<figure class=\"data-table changes\" id=\"\(slug)\"><div class=\"table-wrap\"><table><caption>\(e(caption))</caption>"
        html += "<thead><tr><th scope=\"col\">Observed</th><th scope=\"col\">Accelerator</th><th scope=\"col\">Provider and offer</th><th scope=\"col\">Type</th><th scope=\"col\" class=\"num\">$ per GPU-hour</th><th scope=\"col\">Source</th></tr></thead><tbody>"
        var csv = [["date", "gpu", "provider", "offer", "type", "usd_per_gpu_hour", "source", "source_url"]]
        var json: [[String: Any]] = []
        // Reads every row (the newest of them all) and every accelerator's name.
        let dependencies: Set<DataDependency> = [.allPrices, .acceleratorList]
        for row in newest {
            let link = row.sourceURL.hasPrefix("http") ? "<a href=\"\(e(row.sourceURL))\">\(e(row.source))</a>" : e(row.source)
            html += "<tr><td><time datetime=\"\(row.date)\">\(row.date)</time></td><td>\(e(names[row.gpu] ?? row.gpu))</td><th scope=\"row\">\(e(row.provider)) · \(e(row.offer))</th>"
            html += "<td>\(e(row.type.rawValue))</td><td class=\"num\"><data value=\"\(FigureText.machine(row.usdPerGPUHour))\">\(e(Format.usd(row.usdPerGPUHour)))</data></td><td>\(link)</td></tr>"
            csv.append([row.date.description, row.gpu, row.provider, row.offer, row.type.rawValue, FigureText.machine(row.usdPerGPUHour), row.source, row.sourceURL])
            json.append(["date": row.date.description, "gpu": row.gpu, "provider": row.provider, "offer": row.offer, "type": row.type.rawValue,
                         "usdPerGPUHour": row.usdPerGPUHour, "source": row.source, "sourceURL": row.sourceURL])
        }
        html += "</tbody></table></div><figcaption>" + Downloads.links(slug: slug) + "</figcaption></figure>"
        return DirectiveResult(html: html, dependencies: dependencies, pricesAsOf: newest.first?.date.description,
                               files: Downloads.files(slug: slug, rows: csv, json: json))
    }
}
