import Diagnostics
import Foundation
import Markdown

/// ```` ```{flow-diagram} ````: a few steps side by side, joined by arrows (the seed lesson's Inputs → Work → Output
/// factory), drawn in inline SVG at build time.
///
/// ```
/// title: AI compute as a factory
/// steps:
///   - name: Inputs
///     items: [Electricity, Data, Capital]
///   - name: Work
///     items: [Accelerators do arithmetic]
/// ```
///
/// Every word is SVG text (the description repeats it all for screen readers). Like `{bar-chart}`, the drawing
/// has no `viewBox`: columns are placed in percentages of the width and the text keeps its size, broken into
/// lines that fit the narrowest screen. It reads no data, so it has no dependencies.
struct FlowDiagram {
    /// The fence's name, `{flow-diagram}`, as `DirectiveRegistry` lists it.
    static let name = "flow-diagram"
    static let headSize = 15.0, itemSize = 13.0, lineHeight = 17.0, itemGap = 7.0, padding = 9.0, headHeight = 34.0
    /// Width of the gap an arrow is drawn in, in percent of the figure.
    static let arrowGap = 8.0

    func render(body: String, at location: SourceLocation, slug: String) -> DirectiveResult {
        var params = DirectiveParameters(body: body, at: location, allowed: ["title", "steps", "caption"], directive: Self.name)
        let title = params.requiredString("title", example: "AI compute as a factory")
        let caption = params.string("caption")
        let records = params.records("steps", allowed: ["name", "items"])
        if records == nil && !params.has("steps") {
            params.fail(nil, "missing parameter 'steps'", hint: "add `steps:` with a list of `- name: Inputs` entries, each with `items: [...]`")
        }
        var steps: [(name: String, items: [String])] = []
        for record in records ?? [] {
            guard let name = record.string("name"), !name.isEmpty else {
                params.fail(at: record.location, "a step has no 'name'", hint: "add `name: Inputs`")
                continue
            }
            steps.append((name, record.strings("items")))
        }
        if let records, records.count < 2 || records.count > 5 {
            params.fail("steps", "a flow diagram has 2 to 5 steps, this one has \(records.count)")
        }
        guard params.diagnostics.isEmpty, let title else { return DirectiveResult(html: "", diagnostics: params.diagnostics) }

        let e = HTMLText.escape
        let drawings = DiagramText.Variant.allCases.map { drawing(steps, title: title, slug: slug, variant: $0) }.joined()
        let figcaption = "<figcaption>\(e(caption ?? title))</figcaption>"
        return DirectiveResult(html: "<figure class=\"flow-diagram\" id=\"\(slug)\">\(drawings)\(figcaption)</figure>")
    }

    /// One drawing of the steps, its lines broken for `variant`'s width.
    func drawing(_ steps: [(name: String, items: [String])], title: String, slug: String, variant: DiagramText.Variant) -> String {
        let e = HTMLText.escape
        let id = "\(slug)-\(variant.idSuffix)"
        let count = Double(steps.count)
        let column = (100 - Self.arrowGap * (count - 1)) / count
        let textWidth = column / 100 * variant.width - 2 * Self.padding
        let laidOut = steps.map { step in
            (head: DiagramText.lines(step.name, width: textWidth, fontSize: Self.headSize, bold: true),
             items: step.items.map { DiagramText.lines($0, width: textWidth, fontSize: Self.itemSize) })
        }
        let headHeight = Self.headHeight + Double((laidOut.map(\.head.count).max() ?? 1) - 1) * Self.lineHeight
        let bodyHeights = laidOut.map { step in
            step.items.reduce(0.0) { $0 + Double($1.count) * Self.lineHeight + Self.itemGap }
        }
        let height = (headHeight + (bodyHeights.max() ?? 0) + Self.padding + 4).rounded(.up)
        let f = DiagramText.format, p = DiagramText.percent

        var svg = "<svg class=\"flow \(variant.className)\" width=\"100%\" height=\"\(f(height))\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title id=\"\(id)-title\">\(e(title))</title>"
        let spoken = steps.map { step in
            step.items.isEmpty ? step.name : "\(step.name): \(step.items.joined(separator: "; "))"
        }.joined(separator: ". Then ")
        svg += "<desc id=\"\(id)-desc\">\(e(spoken)).</desc>"
        svg += "<defs><marker id=\"\(id)-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\">"
        svg += "<path class=\"arrow-head\" d=\"M0,0L10,5L0,10z\" fill=\"currentColor\"/></marker></defs>"
        for (index, step) in laidOut.enumerated() {
            let x = Double(index) * (column + Self.arrowGap)
            svg += "<svg class=\"flow-step step-\(index + 1)\" x=\"\(p(x))\" y=\"0\" width=\"\(p(column))\" height=\"\(f(height))\" overflow=\"visible\">"
            svg += "<rect class=\"step-box\" x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" rx=\"10\" fill=\"none\" stroke=\"currentColor\"/>"
            svg += "<line class=\"step-rule\" x1=\"0\" x2=\"100%\" y1=\"\(f(headHeight))\" y2=\"\(f(headHeight))\" stroke=\"currentColor\"/>"
            svg += DiagramText.svg(step.head, x: f(Self.padding), y: 23, lineHeight: Self.lineHeight, className: "step-name")
            var y = headHeight + 19
            for item in step.items {
                svg += DiagramText.svg(item, x: f(Self.padding), y: y, lineHeight: Self.lineHeight, className: "step-item")
                y += Double(item.count) * Self.lineHeight + Self.itemGap
            }
            svg += "</svg>"
        }
        for index in 0..<max(0, steps.count - 1) {
            let start = Double(index + 1) * column + Double(index) * Self.arrowGap
            svg += "<line class=\"flow-arrow\" x1=\"\(p(start + 1))\" x2=\"\(p(start + Self.arrowGap - 1.6))\" y1=\"\(f(height / 2))\" y2=\"\(f(height / 2))\" stroke=\"currentColor\" stroke-width=\"2\" marker-end=\"url(#\(id)-arrow)\"/>"
        }
        return svg + "</svg>"
    }
}
