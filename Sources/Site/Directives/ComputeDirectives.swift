import ComputeModel
import Diagnostics
import Foundation
import Markdown

/// The compute directives: tables, charts, worked examples and inline figures computed from `content/data/`.
struct ComputeDirectives: DirectiveRendering {
    let data: ComputeData
    /// Price figures whose newest observation is older than this many days are flagged.
    let maxPriceAgeDays: Int
    /// URL of the published data folder (`/data/`), where derived figures link.
    let dataURL: String
    /// The pages that show each pair's price figures, once the builder knows them (nil in its first pass).
    var pricePages: PricePages? = nil
    /// A price chart draws a median only where at least this many providers have a price in the window.
    var chartMinProviders: Int = SiteSettings.defaultChartMinProviders

    var names: [String] { DirectiveRegistry.names }

    func renderBlock(name: String, body: String, at location: SourceLocation, slug: String, pageDate: String?) -> DirectiveResult {
        guard let entry = DirectiveRegistry.entry(named: name) else {
            return .failure(.error(at: location, "unknown directive '{\(name)}'"))
        }
        return entry.render(self, DirectiveRegistry.Block(body: body, location: location, slug: slug, pageDate: pageDate))
    }

    func renderInline(_ text: String, at location: SourceLocation) -> DirectiveResult {
        InlineFigure(context: self).render(text, at: location)
    }

    func fingerprints() -> [String: UInt64] {
        DataDependency.fingerprints(of: data)
    }

    func with(pricePages: PricePages) -> any DirectiveRendering {
        var copy = self
        copy.pricePages = pricePages
        return copy
    }

    func changes(since previousData: URL) -> [String: [String]] {
        guard let old = try? ComputeData.load(from: previousData, today: data.today.date) else { return [:] }
        return DataDependency.changes(from: old, to: data)
    }

    // MARK: - Shared helpers

    /// The accelerator with `id`, or an error at the parameter with the closest id.
    func accelerator(_ id: String, params: inout DirectiveParameters, key: String) -> Accelerator? {
        do {
            return try data.accelerator(id: id)
        } catch {
            params.fail(key, "unknown accelerator '\(id)'", hint: suggestion(for: id))
            return nil
        }
    }

    /// The CPU with `id` (from cpus.yaml), or an error at the parameter with the closest id.
    func cpu(_ id: String, params: inout DirectiveParameters, key: String) -> CPU? {
        do {
            return try data.cpu(id: id)
        } catch {
            let ids = data.cpus.map(\.id)
            let closest = Suggestion.closest(to: id, in: data.cpus.flatMap(\.names))
                .flatMap { name in data.cpus.first { $0.names.contains(name) }?.id }
            let known = ids.isEmpty ? "content/data/cpus.yaml lists no CPUs" : "known CPUs: \(ids.joined(separator: ", "))"
            params.fail(key, "unknown CPU '\(id)'", hint: (closest.map { "did you mean '\($0)'? " } ?? "") + known)
            return nil
        }
    }

    func suggestion(for id: String) -> String {
        let ids = data.accelerators.map(\.id)
        let closest = Suggestion.closest(to: id, in: data.accelerators.flatMap(\.names))
            .flatMap { name in data.accelerators.first { $0.names.contains(name) }?.id }
        return (closest.map { "did you mean '\($0)'? " } ?? "") + "known accelerators: \(ids.joined(separator: ", "))"
    }

    func pricingType(_ raw: String?, params: inout DirectiveParameters, key: String) -> PricingType? {
        guard let raw else { return .onDemand }
        if let type = PricingType(rawValue: raw) { return type }
        let known = PricingType.allCases.map(\.rawValue)
        params.fail(key, "unknown pricing type '\(raw)'",
                    hint: (Suggestion.closest(to: raw, in: known).map { "did you mean '\($0)'? " } ?? "") + "types: \(known.joined(separator: ", "))")
        return nil
    }

    /// A price row's source: its code, linked to the code's entry in the sources list on /data/, and an arrow
    /// to the page the price was read on (when it has an address).
    func sourceLink(_ row: PriceObservation) -> String {
        let e = HTMLText.escape
        return "<a href=\"\(e(dataURL))#\(DataPage.anchor(source: row.source))\">\(e(row.source))</a>"
            + (row.sourceURL.hasPrefix("http") ? " <a href=\"\(e(row.sourceURL))\" aria-label=\"\(e(row.source)): where the price was read\">↗</a>" : "")
    }

    /// A warning when `stats`' newest observation is older than the site's limit; nil when fresh.
    func staleness(_ stats: PriceStats, at location: SourceLocation) -> Diagnostic? {
        guard let age = stats.ageDays, age > maxPriceAgeDays, let newest = stats.newest else { return nil }
        return .warning(at: location, "the newest \(stats.type.rawValue) price for \(stats.gpu) is from \(newest), \(age) days old (limit: \(maxPriceAgeDays) days)",
                        hint: "add a recent observation to content/data/prices.csv, or raise maxPriceAgeDays in content/site.yaml")
    }
}
