import ComputeModel
import Diagnostics
import Foundation
import Markdown

/// Inline figures in prose: `` `{price gpu=h100-sxm type=on-demand stat=median}` ``, `` `{spec gpu=b200 field=bandwidth}` ``,
/// `` `{assumption name=mfu}` ``; `` `{spec cpu=xeon-8480 field=cores}` `` reads a CPU from cpus.yaml and
/// `` `{fact name=hbm-share-sk-hynix-q2-2025}` `` a market fact from facts.yaml. Each becomes the formatted value as a
/// button that opens a popover (HTML's `popover` attribute: no script, works by tap, keyboard and screen reader) with
/// the source, its date, confidence and caveat, a link to the source and one to its entry on the data page.
struct InlineFigure {
    let context: ComputeDirectives
    static let kinds = ["price", "spec", "assumption", "fact"]

    func render(_ text: String, at location: SourceLocation) -> DirectiveResult {
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        guard let kind = words.first.map(String.init) else { return .failure(.error(at: location, "empty inline figure '{}'")) }
        let allowed: [String]
        switch kind {
        case "price": allowed = ["gpu", "type", "stat"]
        case "spec": allowed = ["gpu", "cpu", "field"]
        case "assumption", "fact": allowed = ["name"]
        default:
            let hint = (Suggestion.closest(to: kind, in: Self.kinds).map { "did you mean '{\($0) …}'? " } ?? "") + "inline figures: {price …}, {spec …}, {assumption …}, {fact …}"
            return .failure(.error(at: location, "unknown inline figure '{\(kind) …}'", hint: hint))
        }
        var params = DirectiveParameters(words: Array(words.dropFirst()), at: location, allowed: allowed, figure: kind)
        var dependencies: Set<DataDependency> = []
        var figure: Figure?
        var pricesAsOf: String?
        var warning: Diagnostic?
        switch kind {
        case "price":
            let id = params.requiredString("gpu", example: "h100-sxm")
            let type = context.pricingType(params.string("type"), params: &params, key: "type")
            let stat = params.string("stat") ?? "median"
            if let id, let accelerator = context.accelerator(id, params: &params, key: "gpu"), let type {
                dependencies = [DataDependency.accelerator(accelerator.id), DataDependency.prices(gpu: accelerator.id, type: type)]
                do {
                    let stats = try context.data.priceStats(gpu: accelerator.id, type: type)
                    figure = try stats.statistic(stat)
                    pricesAsOf = stats.newest?.description
                    warning = context.staleness(stats, at: location)
                } catch {
                    params.fail("stat", error.description)
                }
            }
        case "spec" where params.has("cpu"):
            let id = params.requiredString("cpu", example: "xeon-8480")
            let field = params.requiredString("field", example: "cores")
            if params.has("gpu") { params.fail("gpu", "a figure reads either gpu= or cpu=, not both") }
            if let id, let field, let cpu = context.cpu(id, params: &params, key: "cpu") {
                dependencies = [DataDependency.cpu(cpu.id)]
                do { figure = try context.data.figure(metric: field, for: cpu) } catch { params.fail("field", error.description) }
            }
        case "spec":
            let id = params.requiredString("gpu", example: "h100-sxm")
            let field = params.requiredString("field", example: "bandwidth")
            if let id, let field, let accelerator = context.accelerator(id, params: &params, key: "gpu") {
                dependencies = [DataDependency.accelerator(accelerator.id)]
                do {
                    let metric = try Metric.named(field)
                    var stats: PriceStats?
                    if metric.needsPrice {
                        stats = try context.data.priceStats(gpu: accelerator.id)
                        dependencies.insert(DataDependency.prices(gpu: accelerator.id, type: .onDemand))
                        pricesAsOf = stats?.newest?.description
                        warning = stats.flatMap { context.staleness($0, at: location) }
                    }
                    figure = try context.data.figure(metric: field, for: accelerator, prices: stats)
                } catch {
                    params.fail("field", error.description)
                }
            }
        case "fact":
            if let name = params.requiredString("name", example: "hbm-share-sk-hynix-q2-2025") {
                dependencies = [DataDependency.fact(name)]
                do { figure = try context.data.fact(name).figure } catch { params.fail("name", error.description) }
            }
        default:
            if let name = params.requiredString("name", example: "mfu") {
                dependencies = [DataDependency.assumption(name)]
                do { figure = try context.data.assumptions.figure(name) } catch { params.fail("name", error.description) }
            }
        }
        guard params.diagnostics.isEmpty, let figure else { return DirectiveResult(html: "", diagnostics: params.diagnostics) }
        if case .notAvailable(let reason) = figure.quantity {
            return .failure(.error(at: location, "'{\(text)}' has no value: \(reason)"))
        }
        let html = Self.html(figure, id: "fig-\(location.line)-\(location.column)", stale: warning != nil, dataURL: context.dataURL)
        return DirectiveResult(html: html, diagnostics: warning.map { [$0] } ?? [], dependencies: dependencies, pricesAsOf: pricesAsOf,
                               figures: ["{\(text)}": figure.formatted])
    }

    /// The figure's HTML: the value as a popover button, then the popover (`id` must be unique in the page).
    static func html(_ figure: Figure, id: String, stale: Bool, dataURL: String) -> String {
        let e = HTMLText.escape
        let provenance = figure.provenance
        var note = "<strong>\(e(figure.formatted))</strong>: \(e(figure.label)). "
        note += SourceNotes.describe(figure, dataURL: dataURL)
        if provenance.confidence == .derived, figure.formula != nil {
            note += ". Newest input: <time datetime=\"\(provenance.asOf)\">\(provenance.asOf)</time>"
        }
        if stale { note += ". Older than the site's freshness limit" }
        var links: [String] = []
        if let url = provenance.url, url.hasPrefix("http") { links.append("<a href=\"\(e(url))\">Open the source</a>") }
        let anchor = provenance.confidence == .derived ? "" : "#\(DataPage.anchor(source: provenance.source))"
        links.append("<a href=\"\(e(dataURL))\(anchor)\">All sources on the data page</a>")
        note += ". " + links.joined(separator: " · ")
        let classes = stale ? "figure stale" : "figure"
        return "<button type=\"button\" class=\"\(classes)\" popovertarget=\"\(id)\" aria-label=\"\(e(figure.formatted)): show its source and date\">"
            + FigureText.data(figure, text: figure.formatted)
            + "</button><span class=\"figure-source\" id=\"\(id)\" popover role=\"note\">\(note)</span>"
    }
}
