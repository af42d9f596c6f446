import ComputeModel
import Diagnostics
import Foundation
import Markdown

/// The live part of a worked example: its steps as `LiveFormula` expressions bound to the example's inputs, the form
/// fields a reader may change, and the JSON the page's calculator (`js/calc.js`) runs. The static figures stay the
/// model's; `check` evaluates the same expressions in Swift at build time and reports any step that differs.
struct LiveExample {
    /// One step of the example, aligned with the static steps: the environment name its value is stored under and the
    /// formula that computes it (nil for a step that shows an input, such as the median price).
    struct Step {
        var name: String
        var formula: LiveFormula?
        var bindings: [String: String] = [:]
        /// Shown on the page (false for an intermediate value such as the energy per GPU-hour of own-vs-rent).
        var shown = true

        var expression: ComputeModel.Expression? { formula.map { $0.expression.renaming(bindings) } }
        /// The environment names of the formula's variables, in the order of the model figure's inputs.
        var inputNames: [String] { formula.map { $0.variables.map { bindings[$0.name] ?? $0.name } } ?? [] }
    }

    /// A form field: `id` is also its URL query key.
    struct Field {
        var id: String
        var label: String
        var unit: ComputeModel.Unit
        /// A fraction between 0 and 1 (MFU, utilisation).
        var isFraction = false
        /// Its published value comes from the GPU (price, purchase price), so it follows a change of GPU.
        var followsGPU = false
    }

    var kind: String
    var steps: [Step]
    var fields: [Field]
    /// Environment names whose value depends on the GPU (peak, bandwidth, power, price, …).
    var gpuNames: [String]

    static let liveKinds = ["gpu-hours", "training", "inference", "energy", "own-vs-rent"]

    /// The plan for `kind` given the static steps the model produced; nil when the example cannot be live
    /// (another kind, or an inference example with a KV-cache shape).
    static func plan(kind: String, steps: [Figure], hasShape: Bool, hasThroughput: Bool, hasGPUCount: Bool) -> LiveExample? {
        func f(_ id: String) -> LiveFormula? { try? LiveFormula.named(id) }
        let gpu = Field(id: "gpu", label: "GPU", unit: .text)
        let price = Field(id: "price", label: "Price per GPU-hour (USD)", unit: .usdPerGPUHour, followsGPU: true)
        switch kind {
        case "gpu-hours":
            return LiveExample(kind: kind, steps: [Step(name: "gpu_hours", formula: f("gpu-hours")), Step(name: "price"),
                                                   Step(name: "cost", formula: f("cost"))],
                               fields: [gpu, Field(id: "gpus", label: "GPUs", unit: .gpus), Field(id: "hours", label: "Hours", unit: .hours), price],
                               gpuNames: ["price"])
        case "training":
            var list = [Step(name: "flops", formula: f("training-flops")), Step(name: "gpu_hours", formula: f("gpu-hours-from-flops"))]
            var fields = [gpu, Field(id: "params", label: "Parameters", unit: .parameters), Field(id: "tokens", label: "Training tokens", unit: .tokens),
                          Field(id: "mfu", label: "MFU (fraction of peak, 0–1)", unit: .fraction, isFraction: true)]
            // The static steps are flops, GPU-hours, [cost], [wall-clock days], compute-optimal tokens.
            let hasCost = steps.count - 3 - (hasGPUCount ? 1 : 0) == 1
            if hasCost { list.append(Step(name: "cost", formula: f("cost"))); fields.append(price) }
            if hasGPUCount { list.append(Step(name: "days", formula: f("wall-clock-days"))); fields.append(Field(id: "gpus", label: "GPUs", unit: .gpus)) }
            list.append(Step(name: "optimal_tokens", formula: f("optimal-tokens")))
            return LiveExample(kind: kind, steps: list, fields: fields, gpuNames: ["peak", "price"])
        case "inference":
            guard !hasShape else { return nil }
            var list = [Step(name: "weights", formula: f("weights")), Step(name: "bytes_per_token", formula: f("bytes-per-token")),
                        Step(name: "decode", formula: f("decode-bound"))]
            var fields = [gpu, Field(id: "params", label: "Parameters", unit: .parameters),
                          Field(id: "bytes", label: "Bytes per parameter (2 BF16, 1 FP8, 0.5 FP4)", unit: .bytesPerParameter)]
            let labels = steps.map(\.label)
            if labels.contains("prefill upper bound") { list.append(Step(name: "prefill", formula: f("prefill-bound"))) }
            if labels.contains("cost per million tokens") {
                list.append(Step(name: "cost_per_m", formula: f("cost-per-million-tokens"), bindings: hasThroughput ? [:] : ["throughput": "decode"]))
                if hasThroughput { fields.append(Field(id: "throughput", label: "Throughput (tokens/s, all sequences)", unit: .tokensPerSecond)) }
                fields.append(price)
            }
            return LiveExample(kind: kind, steps: list, fields: fields, gpuNames: ["bandwidth", "peak", "price"])
        case "energy":
            return LiveExample(kind: kind, steps: [Step(name: "kwh", formula: f("kwh-per-gpu-hour")), Step(name: "energy_cost", formula: f("energy-cost-per-gpu-hour"))],
                               fields: [gpu, Field(id: "draw", label: "Average draw (fraction of max power, 0–1)", unit: .fraction, isFraction: true),
                                        Field(id: "pue", label: "PUE", unit: .ratio),
                                        Field(id: "electricity", label: "Electricity price (USD/kWh)", unit: .usdPerKWh)],
                               gpuNames: ["power"])
        case "own-vs-rent":
            var list = [Step(name: "capex", formula: f("capex-per-gpu-hour"), bindings: ["utilization": "util"]),
                        Step(name: "kwh", formula: f("kwh-per-gpu-hour"), shown: false),
                        Step(name: "energy_cost", formula: f("energy-cost-per-gpu-hour")),
                        Step(name: "break_even", formula: f("break-even"))]
            if steps.count == 4 { list.append(Step(name: "rental")) }
            return LiveExample(kind: kind, steps: list,
                               fields: [gpu, Field(id: "purchase", label: "Purchase price per GPU (USD)", unit: .usd, followsGPU: true),
                                        Field(id: "years", label: "Depreciation (years)", unit: .years),
                                        Field(id: "util", label: "Utilisation (fraction of hours used, 0–1)", unit: .fraction, isFraction: true),
                                        Field(id: "electricity", label: "Electricity price (USD/kWh)", unit: .usdPerKWh)],
                               gpuNames: ["power", "purchase", "rental"])
        default:
            return nil
        }
    }

    /// The published figure of every environment name, read from the model's figures: a step's inputs bind its
    /// formula's variables in order; a step without a formula is its own value. Steps not shown are taken from the
    /// inputs of the shown step that uses them (the energy per GPU-hour of own-vs-rent).
    func published(_ figures: [Figure]) -> [String: Figure] {
        var values: [String: Figure] = [:]
        var shown = figures.makeIterator()
        var hidden: [String: Step] = [:]
        for step in steps {
            guard step.shown else { hidden[step.name] = step; continue }
            guard let figure = shown.next() else { break }
            values[step.name] = figure
            for (name, input) in zip(step.inputNames, figure.inputs) {
                if values[name] == nil { values[name] = input }
                if let inner = hidden[name] {
                    for (innerName, innerInput) in zip(inner.inputNames, input.inputs) where values[innerName] == nil {
                        values[innerName] = innerInput
                    }
                }
            }
        }
        return values
    }

    func publishedValues(_ figures: [Figure]) -> [String: Double] {
        published(figures).compactMapValues(\.value)
    }

    /// Evaluates every step with the Swift evaluator from the published inputs and returns the steps whose value
    /// differs from the model's by more than 1e-9 relative (none, unless a formula and its expression disagree).
    func check(_ figures: [Figure]) -> [String] {
        var env = publishedValues(figures)
        var problems: [String] = []
        var shown = figures.makeIterator()
        for step in steps {
            let figure = step.shown ? shown.next() : nil
            guard let expression = step.expression else { continue }
            do {
                let value = try expression.evaluate(env)
                env[step.name] = value
                if let model = figure?.value, abs(value - model) > 1e-9 * abs(model) {
                    problems.append("step '\(step.name)': expression gives \(value), the model \(model)")
                }
            } catch {
                problems.append("step '\(step.name)': \(error)")
            }
        }
        return problems
    }
}

/// Minimal JSON writing for the calculator's data block: keys in a fixed order, numbers that read back exactly,
/// strings escaped so the block can sit in a `<script>` element.
enum CalcJSON {
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\(string($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }

    static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
}
