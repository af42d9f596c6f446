import Diagnostics
import Foundation
import Markdown

/// ```` ```{market-map} ````: the market's layers and what flows between them, drawn as a map (inline SVG) and
/// written out as a numbered list of cards under it, both from the one list in the directive's body.
///
/// ```
/// layers:
///   - id: chips
///     name: Chips
///     role: design the accelerators that do the arithmetic.      # may hold [text](link.md) links
///     players: [NVIDIA, AMD]
///     links: ["[What GPUs do differently](../learn/what-gpus-do-differently.md)"]
///     details: chips                                            # an anchor of this page
/// flows:
///   - {from: chips, to: foundry, label: designs}
/// ```
///
/// The drawing places each layer in a row by its position in the flows (a layer is one row below the layers that
/// feed it; a layer fed by none sits just above the first layer it feeds), layers of a row side by side in the
/// order of the list, each flow an arrow with its label. Like `{bar-chart}` it has no `viewBox`: boxes are placed in
/// percentages of the width and their names are broken to fit a phone, so the text keeps its size. Links in the
/// cards are written as Markdown links are (`other.md#anchor`) and resolved and checked by the page renderer.
/// It reads no data, so it has no dependencies.
struct MarketMap {
    /// The fence's name, `{market-map}`, as `DirectiveRegistry` lists it.
    static let name = "market-map"
    static let nameSize = 14.0, lineHeight = 18.0, boxPadding = 10.0, badgeSpace = 34.0
    /// Vertical space between rows, where the flows' arrows and labels are.
    static let rowGap = 52.0
    /// Horizontal space between boxes of one row, in percent of the width.
    static let columnGap = 4.0

    struct Layer {
        var id: String
        var name: String
        var role: String
        var players: [String]
        var links: [String]
        var details: String?
        var number: Int
    }

    struct Flow {
        var from: Int
        var to: Int
        var label: String
    }

    func render(body: String, at location: SourceLocation, slug: String) -> DirectiveResult {
        var params = DirectiveParameters(body: body, at: location, allowed: ["caption", "layers", "flows"], directive: Self.name)
        let caption = params.string("caption")
        let layerRecords = params.records("layers", allowed: ["id", "name", "role", "players", "links", "details"])
        if layerRecords == nil && !params.has("layers") {
            params.fail(nil, "missing parameter 'layers'", hint: "add `layers:` with a list of `- id: chips` entries, each with a `name:`")
        }
        var layers: [Layer] = []
        var byID: [String: Int] = [:]
        for record in layerRecords ?? [] {
            guard let id = record.string("id"), !id.isEmpty else {
                params.fail(at: record.location, "a layer has no 'id'", hint: "add `id: chips`; flows name layers by id")
                continue
            }
            guard let name = record.string("name"), !name.isEmpty else {
                params.fail(at: record.location, "layer '\(id)' has no 'name'", hint: "add `name: Chips`")
                continue
            }
            if byID[id] != nil {
                params.fail(at: record.location("id"), "two layers have the id '\(id)'")
                continue
            }
            byID[id] = layers.count
            layers.append(Layer(id: id, name: name, role: record.string("role") ?? "", players: record.strings("players"),
                                links: record.strings("links"), details: record.string("details"), number: layers.count + 1))
        }
        var flows: [Flow] = []
        for record in params.records("flows", allowed: ["from", "to", "label"]) ?? [] {
            var ends: [Int] = []
            for key in ["from", "to"] {
                guard let id = record.string(key) else {
                    params.fail(at: record.location, "a flow has no '\(key)'", hint: "add `\(key):` with a layer id")
                    continue
                }
                guard let index = byID[id] else {
                    let hint = Suggestion.closest(to: id, in: layers.map(\.id)).map { "did you mean '\($0)'? " } ?? ""
                    params.fail(at: record.location(key), "flow \(key) an unknown layer '\(id)'", hint: hint + "layers: \(layers.map(\.id).joined(separator: ", "))")
                    continue
                }
                ends.append(index)
            }
            if ends.count == 2 {
                if ends[0] == ends[1] { params.fail(at: record.location, "a flow goes from layer '\(layers[ends[0]].id)' to itself") }
                flows.append(Flow(from: ends[0], to: ends[1], label: record.string("label") ?? ""))
            }
        }
        let ranks = params.diagnostics.isEmpty ? Self.ranks(count: layers.count, flows: flows) : nil
        if params.diagnostics.isEmpty, ranks == nil {
            params.fail("flows", "the flows go round in a circle, so the layers cannot be drawn in order",
                        hint: "flows point from a layer to the ones it supplies; remove the one that points back")
        }
        if params.diagnostics.isEmpty, layers.isEmpty { params.fail("layers", "the map has no layers") }
        guard params.diagnostics.isEmpty, let ranks else { return DirectiveResult(html: "", diagnostics: params.diagnostics) }

        let title = caption ?? "Map of the market: \(layers.count) layers and what flows between them"
        let page = (location.file as NSString).lastPathComponent
        let drawings = DiagramText.Variant.allCases.map { drawing(layers: layers, flows: flows, ranks: ranks, title: title, slug: slug, variant: $0) }
        return DirectiveResult(html: "<figure class=\"map-figure\" id=\"\(slug)\">" + drawings.joined()
                               + "<figcaption>\(HTMLText.escape(title)). The numbered list below says the same in words, with the lessons to read.</figcaption></figure>"
                               + cards(layers: layers, flows: flows, slug: slug, page: page))
    }

    /// Each layer's row: one below the lowest layer that feeds it; a layer that nothing feeds sits just above the
    /// first layer it feeds. Nil when the flows form a cycle.
    static func ranks(count: Int, flows: [Flow]) -> [Int]? {
        var incoming = Array(repeating: 0, count: count)
        for flow in flows { incoming[flow.to] += 1 }
        var rank = Array(repeating: 0, count: count)
        var ready = (0..<count).filter { incoming[$0] == 0 }
        var seen = 0
        while !ready.isEmpty {
            let layer = ready.removeFirst()
            seen += 1
            for flow in flows where flow.from == layer {
                rank[flow.to] = max(rank[flow.to], rank[layer] + 1)
                incoming[flow.to] -= 1
                if incoming[flow.to] == 0 { ready.append(flow.to) }
            }
        }
        guard seen == count else { return nil }
        for layer in 0..<count where !flows.contains(where: { $0.to == layer }) {
            let targets = flows.filter { $0.from == layer }.map { rank[$0.to] }
            if let first = targets.min() { rank[layer] = first - 1 }
        }
        return rank
    }

    /// The SVG: rows of boxes (number, name), arrows between them with their labels.
    func drawing(layers: [Layer], flows: [Flow], ranks: [Int], title: String, slug: String, variant: DiagramText.Variant) -> String {
        let e = HTMLText.escape, f = DiagramText.format, p = DiagramText.percent
        let id = "\(slug)-\(variant.idSuffix)"
        let rows = Array(Set(ranks)).sorted().map { rank in (0..<layers.count).filter { ranks[$0] == rank } }
        struct Box { var x: Double; var width: Double; var top: Double; var height: Double; var lines: [String] }
        var boxes = [Box?](repeating: nil, count: layers.count)
        var top = 2.0
        for row in rows {
            let count = Double(row.count)
            let width = row.count == 1 ? 64.0 : (100 - Self.columnGap * (count - 1)) / count
            let textWidth = width / 100 * variant.width - Self.badgeSpace - Self.boxPadding
            var rowHeight = 0.0
            for (position, layer) in row.enumerated() {
                let x = row.count == 1 ? (100 - width) / 2 : Double(position) * (width + Self.columnGap)
                let lines = DiagramText.lines(layers[layer].name, width: textWidth, fontSize: Self.nameSize, bold: true)
                let height = 2 * Self.boxPadding + Double(lines.count) * Self.lineHeight + 2
                boxes[layer] = Box(x: x, width: width, top: top, height: height, lines: lines)
                rowHeight = max(rowHeight, height)
            }
            for layer in row { boxes[layer]?.height = rowHeight }
            top += rowHeight + Self.rowGap
        }
        let height = top - Self.rowGap + 2

        var svg = "<svg class=\"map-drawing \(variant.className)\" width=\"100%\" height=\"\(f(height))\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title id=\"\(id)-title\">\(e(title))</title>"
        var spoken = "Layers: " + layers.map { "\($0.number). \($0.name)" }.joined(separator: "; ") + "."
        if !flows.isEmpty {
            spoken += " Flows: " + flows.map { flow in
                "\(layers[flow.from].name) \(flow.label.isEmpty ? "feeds" : "sends \(flow.label) to") \(layers[flow.to].name)"
            }.joined(separator: "; ") + "."
        }
        svg += "<desc id=\"\(id)-desc\">\(e(spoken))</desc>"
        svg += "<defs><marker id=\"\(id)-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\">"
        svg += "<path class=\"arrow-head\" d=\"M0,0L10,5L0,10z\" fill=\"currentColor\"/></marker></defs>"
        var labels = ""
        for flow in flows {
            guard let from = boxes[flow.from], let to = boxes[flow.to] else { continue }
            let x1 = from.x + from.width / 2, x2 = to.x + to.width / 2
            let y1 = from.top + from.height, y2 = to.top - 3
            svg += "<line class=\"map-flow\" x1=\"\(p(x1))\" y1=\"\(f(y1))\" x2=\"\(p(x2))\" y2=\"\(f(y2))\" stroke=\"currentColor\" stroke-width=\"1.5\" marker-end=\"url(#\(id)-arrow)\"/>"
            if !flow.label.isEmpty {
                // The label sits on a patch of the page's colour, centred on the arrow's middle (a nested SVG whose
                // origin is that point, so the patch can be sized in pixels around a position in percent).
                let width = DiagramText.width(of: flow.label, fontSize: 12) + 8
                labels += "<svg class=\"map-flow-label\" x=\"\(p((x1 + x2) / 2))\" y=\"\(f((y1 + y2) / 2))\" width=\"1\" height=\"1\" overflow=\"visible\">"
                labels += "<rect class=\"label-bg\" x=\"\(f(-width / 2))\" y=\"-9\" width=\"\(f(width))\" height=\"18\" rx=\"4\" fill=\"none\"/>"
                labels += "<text x=\"0\" y=\"4\" text-anchor=\"middle\" fill=\"currentColor\">\(e(flow.label))</text></svg>"
            }
        }
        svg += labels
        for (index, layer) in layers.enumerated() {
            guard let box = boxes[index] else { continue }
            svg += "<svg class=\"map-layer layer-\(layer.number)\" x=\"\(p(box.x))\" y=\"\(f(box.top))\" width=\"\(p(box.width))\" height=\"\(f(box.height))\" overflow=\"visible\">"
            svg += "<rect class=\"layer-box\" x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" rx=\"10\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\"/>"
            let firstLine = (box.height - Double(box.lines.count) * Self.lineHeight) / 2 + 13
            svg += "<circle class=\"layer-badge\" cx=\"18\" cy=\"\(f(firstLine - 5))\" r=\"11\" fill=\"currentColor\"/>"
            svg += "<text class=\"layer-number\" x=\"18\" y=\"\(f(firstLine))\" text-anchor=\"middle\">\(layer.number)</text>"
            svg += DiagramText.svg(box.lines, x: f(Self.badgeSpace), y: firstLine, lineHeight: Self.lineHeight, className: "layer-name")
            svg += "</svg>"
        }
        return svg + "</svg>"
    }

    /// The text version: one card per layer with its role, players, what it sends where, and links.
    func cards(layers: [Layer], flows: [Flow], slug: String, page: String) -> String {
        let e = HTMLText.escape
        var html = "<ol class=\"map-layers\">"
        for (index, layer) in layers.enumerated() {
            html += "<li class=\"layer-\(layer.number)\" id=\"\(slug)-\(e(layer.id))\"><p><strong>\(e(layer.name))</strong>"
            if !layer.role.isEmpty { html += ": \(Self.inlineLinks(layer.role))" }
            html += "</p>"
            if !layer.players.isEmpty {
                html += "<ul>" + layer.players.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
            }
            let out = flows.filter { $0.from == index }
            if !out.isEmpty {
                html += "<p class=\"map-flows\">" + out.map { flow in
                    "\(flow.label.isEmpty ? "feeds" : "sends \(e(flow.label)) to") <a href=\"#\(slug)-\(e(layers[flow.to].id))\">\(e(layers[flow.to].name))</a>"
                }.joined(separator: "; ").capitalizedFirst + ".</p>"
            }
            var links = layer.links.map(Self.inlineLinks)
            if let details = layer.details { links.append("<a href=\"\(e(page))#\(e(details))\">details</a>") }
            if !links.isEmpty { html += "<p class=\"map-links\">\(links.joined(separator: " · "))</p>" }
            html += "</li>"
        }
        return html + "</ol>"
    }

    /// `text` escaped, with its Markdown links `[words](target)` made into `<a>` elements.
    static func inlineLinks(_ text: String) -> String {
        let e = HTMLText.escape
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "["),
              let close = rest[open...].firstIndex(of: "]"),
              rest.index(after: close) < rest.endIndex, rest[rest.index(after: close)] == "(",
              let end = rest[close...].firstIndex(of: ")") {
            out += e(String(rest[..<open]))
            let words = rest[rest.index(after: open)..<close]
            let target = rest[rest.index(close, offsetBy: 2)..<end]
            out += "<a href=\"\(e(String(target)))\">\(e(String(words)))</a>"
            rest = rest[rest.index(after: end)...]
        }
        return out + e(String(rest))
    }
}

private extension String {
    /// The text with its first letter in capitals ("sends …" → "Sends …").
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
