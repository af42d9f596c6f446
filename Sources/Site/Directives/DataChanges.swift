import ComputeModel
import Diagnostics
import Foundation
import Markdown

/// ```` ```{data-changes} ````: the history of the site's price figures, computed from the dated observations
/// alone: for every accelerator and pricing type, the median of each provider's latest price as of each
/// observation date, and every date on which it moved (old → new), with the rows of that date that moved it
/// and the pages that show figures computed from those rows (`PricePages`, from the pages' own dependencies).
/// Newest first; a clean build on any machine shows the same table.
struct DataChanges {
    /// The fence's name, `{data-changes}`, as `DirectiveRegistry` lists it.
    static let name = "data-changes"
    let context: ComputeDirectives

    /// One move of one figure.
    struct Move {
        var date: Day
        var gpu: String
        var type: PricingType
        var old: Double?
        var new: Double?
        var rows: [PriceObservation]
    }

    /// The `limit` newest moves of every (accelerator, type) median, newest first (then in accelerators.yaml's
    /// order and type order). The rows behind a move are gathered only for the moves returned.
    static func history(_ data: ComputeData, limit: Int) -> [Move] {
        let order = Dictionary(data.accelerators.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        /// A move, with the rows of its date as a range of its group's history.
        struct Candidate {
            var move: Move
            var rows: Range<Int>
        }
        var candidates: [Candidate] = []
        // One pass per (GPU, type) group of the price index: the running median gives the median as of every
        // observation date (as PriceStats would, date by date), and a group's rows of one date are contiguous.
        for key in data.priceIndex.keys {
            let rows = data.priceIndex.observations(gpu: key.gpu, type: key.type)
            var previous: Double?
            var start = 0
            for point in PriceStats.runningMedians(of: rows) {
                var end = start
                while end < rows.count && rows[end].date == point.date { end += 1 }
                if point.median != previous {
                    candidates.append(Candidate(move: Move(date: point.date, gpu: key.gpu, type: key.type, old: previous, new: point.median, rows: []),
                                                rows: start..<end))
                }
                previous = point.median
                start = end
            }
        }
        let types = PricingType.allCases
        let newest = candidates.sorted { first, second in
            let a = first.move, b = second.move
            if a.date != b.date { return a.date > b.date }
            if a.gpu != b.gpu { return (order[a.gpu] ?? .max, a.gpu) < (order[b.gpu] ?? .max, b.gpu) }
            return (types.firstIndex(of: a.type) ?? 0) < (types.firstIndex(of: b.type) ?? 0)
        }.prefix(max(0, limit))
        return newest.map { candidate in
            var move = candidate.move
            let rows = data.priceIndex.observations(gpu: move.gpu, type: move.type)[candidate.rows]
            move.rows = rows.map { ($0.id, $0) }.sorted { $0.0 < $1.0 }.map(\.1)
            return move
        }
    }

    func render(body: String, at location: SourceLocation, slug: String) -> DirectiveResult {
        var params = DirectiveParameters(body: body, at: location, allowed: ["limit", "caption"], directive: Self.name)
        let limit = params.number("limit").map { Int($0) } ?? 25
        let caption = params.string("caption") ?? "How the median prices moved: the \(limit) newest changes"
        guard params.diagnostics.isEmpty else { return DirectiveResult(html: "", diagnostics: params.diagnostics) }
        let names = Dictionary(context.data.accelerators.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let moves = Self.history(context.data, limit: limit)
        let e = HTMLText.escape
        func price(_ value: Double?) -> String { value.map { Format.usd($0) } ?? "—" }
        var html = "<figure class=\"data-table changes\" id=\"\(slug)\"><div class=\"table-wrap\"><table><caption>\(e(caption))</caption>"
        html += "<thead><tr><th scope=\"col\">Observed</th><th scope=\"col\">Figure</th><th scope=\"col\" class=\"num\">Before</th><th scope=\"col\" class=\"num\">After</th><th scope=\"col\">Moved by</th><th scope=\"col\">Shown on</th></tr></thead><tbody>"
        var csv = [["date", "gpu", "type", "figure", "old_usd_per_gpu_hour", "new_usd_per_gpu_hour", "moved_by", "shown_on"]]
        var json: [[String: Any]] = []
        for move in moves {
            let figure = "median \(move.type.rawValue) price of \(names[move.gpu] ?? move.gpu)"
            let causes = move.rows.map { row in
                let link = context.sourceLink(row)
                return "\(e(row.provider)) · \(e(row.offer)) \(e(Format.usd(row.usdPerGPUHour))) (\(link))"
            }
            let shownOn = context.pricePages?.pages(gpu: move.gpu, type: move.type) ?? []
            let pageLinks = shownOn.map { "<a href=\"\(e($0.url))\">\(e($0.title))</a>" }
            html += "<tr><td><time datetime=\"\(move.date)\">\(move.date)</time></td><th scope=\"row\">\(e(figure))</th>"
            html += "<td class=\"num\">\(e(price(move.old)))</td><td class=\"num\">\(e(price(move.new)))</td><td>\(causes.joined(separator: "; "))</td><td>\(pageLinks.isEmpty ? "—" : pageLinks.joined(separator: ", "))</td></tr>"
            let movedBy = move.rows.map { "\($0.provider), \($0.offer), \(FigureText.machine($0.usdPerGPUHour))" }.joined(separator: "; ")
            csv.append([move.date.description, move.gpu, move.type.rawValue, figure, move.old.map(FigureText.machine) ?? "",
                        move.new.map(FigureText.machine) ?? "", movedBy, shownOn.map(\.url).joined(separator: " ")])
            var entry: [String: Any] = ["date": move.date.description, "gpu": move.gpu, "type": move.type.rawValue, "figure": figure,
                                        "movedBy": move.rows.map { ["provider": $0.provider, "offer": $0.offer, "usdPerGPUHour": $0.usdPerGPUHour,
                                                                     "source": $0.source, "sourceURL": $0.sourceURL] as [String: Any] },
                                        "shownOn": shownOn.map { ["title": $0.title, "url": $0.url] }]
            if let old = move.old { entry["old"] = old }
            if let new = move.new { entry["new"] = new }
            json.append(entry)
        }
        html += "</tbody></table></div><figcaption><p class=\"table-note\">Each figure is the median of every provider's latest price in the year up to that date, recomputed from content/data/prices.csv at every observation date; a row is listed when it moved the figure, with the pages that show figures computed from that accelerator's prices of that type.</p>" + Downloads.links(slug: slug) + "</figcaption></figure>"
        // Reads every row (any pair's history), every accelerator's name, and which pages show which pair.
        return DirectiveResult(html: html, dependencies: [.allPrices, .acceleratorList, .pricePages], pricesAsOf: moves.first?.date.description,
                               files: Downloads.files(slug: slug, rows: csv, json: json))
    }
}
