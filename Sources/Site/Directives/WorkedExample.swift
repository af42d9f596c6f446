import ComputeModel
import Diagnostics
import Foundation
import Markdown

/// ```` ```{worked-example} ````: a calculation shown step by step — each step's number, its formula in words,
/// and the inputs it used with their sources and dates.
struct WorkedExample {
    /// The fence's name, `{worked-example}`, as `DirectiveRegistry` lists it.
    static let name = "worked-example"
    let context: ComputeDirectives
    /// The page's date (`updated`, else `date`): the as-of date of the values the example gives. Without one, the
    /// newest price date of the data, so the build date never shows in a page.
    let pageDate: Day?
    static let kinds = ["gpu-hours", "training", "inference", "energy", "own-vs-rent", "cpu-vs-gpu"]
    static let parameters = ["kind", "title", "gpu", "cpu", "gpus", "hours", "price", "type", "params", "tokens", "mfu", "bytes-per-param",
                             "throughput", "layers", "kv-heads", "head-dim", "context", "purchase-price", "live"]

    func render(body: String, at location: SourceLocation, slug: String) -> DirectiveResult {
        var params = DirectiveParameters(body: body, at: location, allowed: Self.parameters, directive: Self.name)
        let data = context.data.givingInputs(asOf: pageDate ?? context.data.pricesAsOf)
        guard let kind = params.requiredString("kind", example: "training") else { return DirectiveResult(html: "", diagnostics: params.diagnostics) }
        guard Self.kinds.contains(kind) else {
            params.fail("kind", "unknown worked-example kind '\(kind)'",
                        hint: (Suggestion.closest(to: kind, in: Self.kinds).map { "did you mean '\($0)'? " } ?? "") + "kinds: \(Self.kinds.joined(separator: ", "))")
            return DirectiveResult(html: "", diagnostics: params.diagnostics)
        }
        let id = params.requiredString("gpu", example: "h100-sxm")
        let accelerator = id.flatMap { context.accelerator($0, params: &params, key: "gpu") }
        let explicitPrice = params.number("price")
        let type = context.pricingType(params.string("type"), params: &params, key: "type") ?? .onDemand
        let title = params.string("title")
        // Without `price`, examples use the median price of `type` (on-demand by default).
        var medianPrice: Figure?
        if explicitPrice == nil, let accelerator {
            medianPrice = try? data.priceStats(gpu: accelerator.id, type: type).statistic("median")
        }
        let price = explicitPrice ?? (type == .onDemand ? nil : medianPrice?.value)
        var steps: [Figure] = []
        var cpu: CPU?
        var hasShape = false, hasThroughput = false, hasGPUCount = false
        let live = Self.liveSwitch(&params)
        do {
            switch kind {
            case "cpu-vs-gpu":
                let cpuID = params.requiredString("cpu", example: "xeon-8480")
                cpu = cpuID.flatMap { context.cpu($0, params: &params, key: "cpu") }
                let n = params.requiredNumber("params", example: "7e9")
                let d = params.requiredNumber("tokens", example: "140e9")
                let mfu = params.number("mfu")
                guard params.diagnostics.isEmpty, let accelerator, let cpu, let n, let d else { break }
                let comparison = try data.cpuComparison(parameters: n, tokens: d, cpu: cpu.id, gpu: accelerator.id, mfu: mfu)
                steps = [comparison.flops, comparison.cpuHours, comparison.gpuHours, comparison.cpusPerGPU]
            case "gpu-hours":
                let gpus = params.requiredNumber("gpus", example: "8")
                let hours = params.requiredNumber("hours", example: "24")
                guard params.diagnostics.isEmpty, let accelerator, let gpus, let hours else { break }
                let today = data.givenAsOf
                let gpuFigure = Figure("GPUs", value: gpus, .gpus, provenance: .input(asOf: today))
                let hourFigure = Figure("hours", value: hours, .hours, provenance: .input(asOf: today))
                let gpuHours = Figure.derived("GPU-hours", value: gpus * hours, .gpuHours, formula: "GPUs × hours", inputs: [gpuFigure, hourFigure])
                let priceFigure = try medianPrice ?? explicitPrice.map { Figure("price per GPU-hour", value: $0, .usdPerGPUHour, provenance: .input(asOf: today)) }
                    ?? context.data.priceStats(gpu: accelerator.id, type: type).statistic("median")
                steps = [gpuHours, priceFigure, try Training.cost(gpuHours: gpuHours, price: priceFigure)]
            case "training":
                let n = params.requiredNumber("params", example: "405e9")
                let d = params.requiredNumber("tokens", example: "15.6e12")
                let mfu = params.number("mfu")
                let gpus = params.number("gpus")
                hasGPUCount = gpus != nil
                guard params.diagnostics.isEmpty, let accelerator, let n, let d else { break }
                let estimate = try data.training(parameters: n, tokens: d, gpu: accelerator.id, mfu: mfu, price: price, gpus: gpus.map { Int($0) })
                steps = [estimate.flops, estimate.gpuHours] + [estimate.cost, estimate.wallClockDays].compactMap { $0 }
                    + [estimate.computeOptimalTokens]
            case "inference":
                let n = params.requiredNumber("params", example: "70e9")
                let bytes = params.requiredNumber("bytes-per-param", example: "1")
                let throughput = params.number("throughput")
                let shapeKeys = ["layers", "kv-heads", "head-dim", "context"]
                var shape: ModelShape?
                if shapeKeys.contains(where: params.has) {
                    let values = shapeKeys.map { params.requiredNumber($0, example: "80") }
                    if let layers = values[0], let heads = values[1], let dim = values[2], let contextTokens = values[3] {
                        shape = ModelShape(layers: Int(layers), kvHeads: Int(heads), headDim: Int(dim), contextTokens: Int(contextTokens))
                    }
                }
                hasShape = shape != nil
                hasThroughput = throughput != nil
                guard params.diagnostics.isEmpty, let accelerator, let n, let bytes else { break }
                let estimate = try data.inference(parameters: n, bytesPerParameter: bytes, gpu: accelerator.id, shape: shape,
                                                          price: price, throughput: throughput)
                steps = [estimate.weightBytes] + [estimate.kvBytesPerToken].compactMap { $0 }
                    + [estimate.bytesPerToken, estimate.decodeTokensPerSecond] + [estimate.prefillTokensPerSecond].compactMap { $0 }
                    + [estimate.costPerMillionTokens].compactMap { $0 }
            case "energy":
                guard params.diagnostics.isEmpty, let accelerator else { break }
                let estimate = try data.energy(gpu: accelerator.id)
                steps = [estimate.kWhPerGPUHour, estimate.costPerGPUHour]
            default: // own-vs-rent
                let purchase = params.number("purchase-price")
                guard params.diagnostics.isEmpty, let accelerator else { break }
                let estimate = try data.ownVsRent(gpu: accelerator.id, purchasePrice: purchase)
                steps = [estimate.capexPerGPUHour, estimate.energy.costPerGPUHour, estimate.breakEven] + [estimate.medianRental].compactMap { $0 }
            }
        } catch {
            params.fail(nil, (error as? ModelError)?.description ?? "\(error)")
        }
        guard params.diagnostics.isEmpty, let accelerator, !steps.isEmpty else { return DirectiveResult(html: "", diagnostics: params.diagnostics) }
        var calculator: (plan: LiveExample, form: String, json: String)?
        if live, let plan = LiveExample.plan(kind: kind, steps: steps, hasShape: hasShape, hasThroughput: hasThroughput, hasGPUCount: hasGPUCount) {
            let problems = plan.check(steps)
            guard problems.isEmpty else {
                params.fail(nil, "the live formulas of this \(kind) example disagree with the model: \(problems.joined(separator: "; "))",
                            hint: "the expressions in Sources/ComputeModel/LiveFormula.swift must restate the model's functions; or set `live: false`")
                return DirectiveResult(html: "", diagnostics: params.diagnostics)
            }
            let liveContext = LiveExample.Context(data: data, type: type, givenPrice: explicitPrice != nil, customTitle: title != nil, slug: slug,
                                                  dataURL: context.dataURL)
            calculator = (plan, plan.form(figures: steps, accelerator: accelerator, context: liveContext),
                          plan.json(figures: steps, accelerator: accelerator, context: liveContext))
        }
        var result = html(kind: kind, title: title ?? Self.defaultTitle(kind, accelerator, cpu: cpu), accelerator: accelerator, type: type, steps: steps, slug: slug,
                          live: calculator)
        if let cpu { result.dependencies.insert(DataDependency.cpu(cpu.id)) }
        if calculator != nil {
            // The calculator carries every GPU's figures and median prices, so any of them changes the page.
            result.dependencies.formUnion([.acceleratorList, .allPrices] + context.data.accelerators.map { .accelerator($0.id) })
        }
        // A median price older than maxPriceAgeDays is marked here too, not only in price tables.
        let usesMedian = steps.contains { $0.label.hasPrefix("median") || $0.inputs.contains { $0.label.hasPrefix("median") } }
        if usesMedian, let stats = try? data.priceStats(gpu: accelerator.id, type: kind == "own-vs-rent" ? .onDemand : type),
           let warning = context.staleness(stats, at: location) {
            result.diagnostics.append(warning)
            let html = result.html
            if let close = html.range(of: "</ol>") {
                result.html = html.replacingCharacters(in: close, with: "</ol><p class=\"stale-note\">Old price: \(HTMLText.escape(warning.message)).</p>")
                    .replacingOccurrences(of: "<section class=\"worked-example\"", with: "<section class=\"worked-example stale\"")
            }
        }
        return result
    }

    /// `live: true|false` (default true): whether the example becomes a calculator on the page.
    static func liveSwitch(_ params: inout DirectiveParameters) -> Bool {
        guard let raw = params.string("live") else { return true }
        switch raw.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            params.fail("live", "'live' must be true or false, not '\(raw)'")
            return false
        }
    }

    static func defaultTitle(_ kind: String, _ accelerator: Accelerator, cpu: CPU? = nil) -> String {
        switch kind {
        case "cpu-vs-gpu": return "Worked example: one training job on \(cpu?.name ?? "a CPU") and on \(accelerator.name)"
        case "gpu-hours": return "Worked example: GPU-hours and cost on \(accelerator.name)"
        case "training": return "Worked example: a training run on \(accelerator.name)"
        case "inference": return "Worked example: serving a model on \(accelerator.name)"
        case "energy": return "Worked example: energy per GPU-hour on \(accelerator.name)"
        default: return "Worked example: owning vs renting an \(accelerator.name)"
        }
    }

    /// How a figure of an example is written: computed figures to three significant figures (`Format.derived`),
    /// given and sourced ones as the data has them. The page's calculator formats the same way.
    static func text(_ figure: Figure) -> String {
        guard let value = figure.value else { return figure.formatted }
        return isComputed(figure) ? Format.derived(value, unit: figure.unit) : figure.formatted
    }

    static func isComputed(_ figure: Figure) -> Bool {
        figure.provenance.confidence == .derived && figure.formula != nil
    }

    private func html(kind: String, title: String, accelerator: Accelerator, type: PricingType, steps: [Figure], slug: String,
                      live: (plan: LiveExample, form: String, json: String)?) -> DirectiveResult {
        let e = HTMLText.escape
        var notes = SourceNotes(idPrefix: slug, dataURL: context.dataURL)
        // An example may read any assumption and (own-vs-rent, a given type) prices of any type of its GPU.
        // The pair it shows (own-vs-rent: on-demand) is named too, for the pages listed by {data-changes}.
        var result = DirectiveResult(html: "", dependencies: [.accelerator(accelerator.id), .pricesOfGPU(accelerator.id), .assumptions,
                                                              .prices(gpu: accelerator.id, type: kind == "own-vs-rent" ? .onDemand : type)])
        let calcAttribute: String = live == nil ? "" : " data-calc"
        let form: String = live?.form ?? ""
        var html = "<section class=\"worked-example\" id=\"\(slug)\" aria-labelledby=\"\(slug)-title\"\(calcAttribute)>"
        html += "<p class=\"example-title\" id=\"\(slug)-title\"><strong>\(e(title))</strong></p>"
        html += form + "<ol class=\"steps\">"
        var newestPrice: Day?
        let liveSteps: [LiveExample.Step] = live?.plan.steps.filter { (step: LiveExample.Step) in step.shown } ?? []
        for (position, step) in steps.enumerated() {
            let liveStep = position < liveSteps.count ? liveSteps[position] : nil
            let stepAttribute: String = liveStep.map { (step: LiveExample.Step) in " data-step=\"\(step.name)\"" } ?? ""
            html += "<li" + stepAttribute + ">"
            html += "<span class=\"step-label\">\(e(step.label.prefix(1).uppercased() + step.label.dropFirst()))</span> = <strong class=\"step-value\">\(FigureText.data(step, text: Self.text(step)))</strong>"
            if let formula = step.formula { html += "<div class=\"formula\">\(e(formula))</div>" }
            if step.inputs.isEmpty {
                html += notes.marker(for: step)
            } else {
                // A median's inputs are the price rows behind it: folded, so the steps stay readable.
                let rows = step.label.hasPrefix("median")
                if rows { html += "<details class=\"rows\"><summary>The \(step.inputs.count) prices behind the median</summary>" }
                html += "<ul class=\"inputs\">"
                let names = liveStep?.inputNames ?? []
                for (index, input) in step.inputs.enumerated() {
                    let name = index < names.count ? names[index] : nil
                    let inAttribute: String = name.map { (name: String) in " data-in=\"\(name)\"" } ?? ""
                    // Price rows are shown as their sources quote them (cents), not rounded like computed figures.
                    let value = FigureText.data(input, text: rows ? input.formatted : Self.text(input))
                    html += "<li" + inAttribute + "><span class=\"in-label\">\(e(input.label))</span>: " + value + notes.marker(for: input) + "</li>"
                    if input.unit == .usdPerGPUHour, input.provenance.confidence != .derived || input.formula != nil {
                        newestPrice = max(newestPrice ?? input.provenance.asOf, input.provenance.asOf)
                    }
                }
                html += "</ul>" + (rows ? "</details>" : "")
            }
            html += "</li>"
            result.figures["\(title): \(step.label)"] = step.formatted
        }
        html += "</ol>" + notes.disclosure()
        if let live { html += "<script type=\"application/json\" data-calc-data>" + live.json + "</script>" }
        html += "</section>"
        result.html = html
        result.pricesAsOf = newestPrice?.description
        return result
    }
}
