import ComputeModel
import Foundation
import Markdown

extension LiveExample {
    /// What the calculator needs besides the plan: the data (for other GPUs' figures), the example's pricing type and
    /// whether its price was given on the page (then it does not follow a change of GPU).
    struct Context {
        var data: ComputeData
        var type: PricingType
        var givenPrice: Bool
        var customTitle: Bool
        var slug: String
        /// The `/data/` page, which a switched GPU's figures link to for their sources.
        var dataURL: String
    }

    /// Environment names that hold a price the reader may replace with their own.
    private func followsGPU(_ name: String, _ context: Context) -> Bool {
        name != "price" || !context.givenPrice
    }

    /// Where a switched GPU's figure comes from, for the calculator to name: a source code and its date, linked to the
    /// code's entry on `/data/`; a median names its provider count and newest price, linked to the prices file.
    struct Citation {
        var text: String
        var href: String
        var json: String { CalcJSON.object([("text", CalcJSON.string(text)), ("href", CalcJSON.string(href))]) }
    }

    static func citation(_ figure: Figure, dataURL: String) -> Citation {
        let provenance = figure.provenance
        if provenance.confidence == .derived, figure.label.hasPrefix("median") {
            return Citation(text: "median of \(figure.inputs.count) providers' prices in prices.csv, newest \(provenance.asOf)",
                            href: dataURL + "#" + DataPage.anchor(file: "prices.csv"))
        }
        return Citation(text: "\(provenance.source), as of \(provenance.asOf)", href: dataURL + "#" + DataPage.anchor(source: provenance.source))
    }

    /// The figures of `accelerator` this example reads, by environment name; nil when one it needs is missing.
    func gpuValues(_ accelerator: Accelerator, _ context: Context) -> (values: [String: Double], labels: [String: String])? {
        gpuFigures(accelerator, context).map { ($0.values, $0.labels) }
    }

    /// `gpuValues` with the citation of each figure.
    func gpuFigures(_ accelerator: Accelerator, _ context: Context)
        -> (values: [String: Double], labels: [String: String], sources: [String: Citation])? {
        var values: [String: Double] = [:]
        var labels: [String: String] = [:]
        var sources: [String: Citation] = [:]
        func cite(_ name: String, _ figure: Figure) { sources[name] = Self.citation(figure, dataURL: context.dataURL) }
        for name in gpuNames where followsGPU(name, context) {
            switch name {
            case "peak":
                if kind == "inference" {
                    for precision in [Precision.bf16, .fp8, .fp4, .tf32] {
                        if let value = accelerator.peak(precision).value {
                            values["peak_" + precision.rawValue] = value
                            cite("peak_" + precision.rawValue, accelerator.peak(precision))
                        }
                    }
                } else {
                    guard let value = accelerator.peak(.bf16).value else { return nil }
                    values["peak"] = value
                    cite("peak", accelerator.peak(.bf16))
                }
            case "bandwidth":
                guard let value = accelerator.bandwidth.value else { return nil }
                values[name] = value
                cite(name, accelerator.bandwidth)
            case "power":
                guard let value = accelerator.power.value else { return nil }
                values[name] = value
                cite(name, accelerator.power)
            case "price", "rental":
                let type = name == "price" ? context.type : .onDemand
                guard let median = try? context.data.priceStats(gpu: accelerator.id, type: type).statistic("median"),
                      let value = median.value else { return nil }
                values[name] = value
                labels[name] = median.label
                cite(name, median)
            case "purchase":
                guard let assumption = context.data.assumptions.purchasePrice(gpu: accelerator.id) else { return nil }
                values[name] = assumption.value
                labels[name] = assumption.figure.label
                cite(name, assumption.figure)
            default:
                return nil
            }
        }
        return (values, labels, sources)
    }

    /// The calculator's data block (JSON) for an example whose model figures are `figures` on `accelerator`.
    func json(figures: [Figure], accelerator: Accelerator, context: Context) -> String {
        let published = published(figures)
        let values = published.sorted { $0.key < $1.key }.compactMap { name, figure in figure.value.map { (name, CalcJSON.number($0)) } }
        let units = published.sorted { $0.key < $1.key }.map { ($0.key, CalcJSON.string($0.value.unit.rawValue)) }
            + steps.filter { !$0.shown }.compactMap { step in step.formula.map { (step.name, CalcJSON.string($0.unit.rawValue)) } }
        let computed = published.keys.sorted().filter { published[$0].map(WorkedExample.isComputed) ?? false }
        let stepJSON = steps.map { step in
            CalcJSON.object([("name", CalcJSON.string(step.name)), ("expr", step.expression?.json ?? "null"), ("shown", step.shown ? "true" : "false")])
        }
        let fieldJSON = fields.map { field in
            CalcJSON.object([("id", CalcJSON.string(field.id)), ("fraction", field.isFraction ? "true" : "false"),
                             ("gpu", field.followsGPU && followsGPU(field.id, context) ? "true" : "false")])
        }
        var gpus: [(String, String)] = []
        for other in context.data.accelerators {
            guard let (values, labels, sources) = gpuFigures(other, context) else { continue }
            gpus.append((other.id, CalcJSON.object([
                ("name", CalcJSON.string(other.name)),
                ("title", context.customTitle ? "null" : CalcJSON.string(WorkedExample.defaultTitle(kind, other))),
                ("values", CalcJSON.object(values.sorted { $0.key < $1.key }.map { ($0.key, CalcJSON.number($0.value)) })),
                ("labels", CalcJSON.object(labels.sorted { $0.key < $1.key }.map { ($0.key, CalcJSON.string($0.value)) })),
                ("sources", CalcJSON.object(sources.sorted { $0.key < $1.key }.map { ($0.key, $0.value.json) })),
            ])))
        }
        var pairs: [(String, String)] = [
            ("kind", CalcJSON.string(kind)), ("gpu", CalcJSON.string(accelerator.id)),
            ("values", CalcJSON.object(values)), ("units", CalcJSON.object(units)),
            ("computed", CalcJSON.array(computed.map(CalcJSON.string))),
            ("steps", CalcJSON.array(stepJSON)), ("fields", CalcJSON.array(fieldJSON)), ("gpus", CalcJSON.object(gpus)),
        ]
        if kind == "inference" {
            // Prefill runs at the peak of the format the weights are stored in (Precision.matching), BF16 otherwise.
            let byBytes = [2.0, 1, 0.5, 4].compactMap { bytes in
                Precision.matching(bytesPerParameter: bytes).map { (CalcJSON.number(bytes), CalcJSON.string("peak_" + $0.rawValue)) }
            }
            pairs.append(("peakBy", CalcJSON.object(byBytes + [("default", CalcJSON.string("peak_bf16"))])))
        }
        return CalcJSON.object(pairs)
    }

    /// The form: a closed disclosure after the title (so the page does not move when the script starts), its fields
    /// disabled until the script enables them; without JavaScript it says the figures are the published ones.
    func form(figures: [Figure], accelerator: Accelerator, context: Context) -> String {
        let e = HTMLText.escape
        let values = publishedValues(figures)
        let id = context.slug
        var html = "<details class=\"calc\"><summary>Change the inputs</summary><form class=\"calc-form\" data-calc-form novalidate>"
            + "<fieldset disabled><legend>Your inputs (the steps below follow them)</legend>"
            + "<p class=\"calc-nojs\">This calculator needs JavaScript; the figures below are the published ones.</p><div class=\"calc-fields\">"
        for field in fields {
            let fieldID = "\(id)-\(field.id)"
            html += "<div class=\"calc-field\"><label for=\"\(fieldID)\">\(e(field.label))</label>"
            if field.id == "gpu" {
                html += "<select id=\"\(fieldID)\" name=\"gpu\">"
                for other in context.data.accelerators where gpuValues(other, context) != nil {
                    html += "<option value=\"\(e(other.id))\"\(other.id == accelerator.id ? " selected" : "")>\(e(other.name))</option>"
                }
                html += "</select></div>"
                continue
            }
            let value = values[field.id].map(Self.inputText) ?? ""
            let note = field.followsGPU && followsGPU(field.id, context) ? "published: the data's median" : "published"
            html += "<input id=\"\(fieldID)\" name=\"\(field.id)\" type=\"text\" inputmode=\"decimal\" autocomplete=\"off\" spellcheck=\"false\" value=\"\(e(value))\" aria-describedby=\"\(fieldID)-note\">"
                + "<span class=\"calc-note\" id=\"\(fieldID)-note\">\(field.id == "purchase" ? "published: the data's assumption" : note)</span></div>"
        }
        html += "</div><p class=\"calc-actions\"><button type=\"button\" data-calc-reset>Reset to published figures</button></p>"
            + "<p class=\"calc-status\" role=\"status\" aria-live=\"polite\"></p></fieldset></form></details>"
        return html
    }

    /// A value as a reader would type it: `405e9`, `15.6e12`, `0.4`, `6.5175`.
    static func inputText(_ value: Double) -> String {
        if abs(value) >= 1e6 {
            for exponent in [12, 9, 6] {
                let mantissa = value / Format.power10(exponent)
                guard abs(mantissa) >= 1 else { continue }
                let text = Format.grouped(mantissa, maxFractionDigits: 4).replacingOccurrences(of: ",", with: "")
                if Double(text + "e\(exponent)") == value { return text + "e\(exponent)" }
            }
        }
        return CalcJSON.number(value)
    }
}
