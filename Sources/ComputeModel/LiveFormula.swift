import Foundation

/// The model's formulas as expressions (`Expression`), each paired with the hand-written function it restates, so a
/// test can hold the two together and the page's calculator can run the same definition.
///
/// A live worked example binds a formula's variables to its own inputs and earlier steps (`Expression.renaming`).
public struct LiveFormula: Sendable, Hashable, Identifiable {
    /// `training-flops`, `cost`, …
    public var id: String
    /// The definition, e.g. `6 * params * tokens`.
    public var text: String
    public var expression: Expression
    /// The unit of the result.
    public var unit: Unit
    /// Each variable with the range random test inputs are drawn from (log-uniform; fractions uniform in (0, 1]).
    public var variables: [(name: String, low: Double, high: Double)]

    public static func == (a: LiveFormula, b: LiveFormula) -> Bool { a.id == b.id && a.text == b.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(id); hasher.combine(text) }

    init(_ id: String, _ text: String, _ unit: Unit, _ variables: [(String, Double, Double)]) {
        self.id = id
        self.text = text
        // The definitions below are constants of this file; a typo is caught by LiveFormulaTests.
        self.expression = (try? Expression(text)) ?? .constant(.nan)
        self.unit = unit
        self.variables = variables.map { (name: $0.0, low: $0.1, high: $0.2) }
    }

    /// The hand-written model function this formula restates, called with `values` (by variable name).
    public func reference(_ values: [String: Double]) throws(ModelError) -> Double {
        guard let day = Day(year: 2026, month: 1, day: 1) else { throw ModelError.invalid("no day") }
        func f(_ name: String, _ unit: Unit = .count) throws(ModelError) -> Figure {
            guard let value = values[name] else { throw ModelError.missing("no value for '\(name)'") }
            return Figure(name, value: value, unit, provenance: .input(asOf: day))
        }
        let result: Figure
        switch id {
        case "gpu-hours": result = try Job.gpuHours(gpus: f("gpus"), hours: f("hours"))
        case "cost": result = try Training.cost(gpuHours: f("gpu_hours"), price: f("price"))
        case "training-flops": result = try Training.flops(parameters: f("params"), tokens: f("tokens"))
        case "gpu-hours-from-flops": result = try Training.gpuHours(flops: f("flops"), peak: f("peak"), mfu: f("mfu"))
        case "wall-clock-days": result = try Training.wallClockDays(gpuHours: f("gpu_hours"), gpus: f("gpus"))
        case "optimal-tokens": result = try Training.computeOptimalTokens(parameters: f("params"), tokensPerParameter: f("ratio"))
        case "weights":
            // ComputeData.inference writes this one inline: parameters × bytes per parameter.
            result = Figure("weights", value: try f("params").value.unwrap() * f("bytes").value.unwrap(), .bytes, provenance: .input(asOf: day))
        case "bytes-per-token": result = try Inference.bytesPerToken(parameters: f("params"), bytesPerParameter: f("bytes"))
        case "bytes-per-token-kv":
            result = try Inference.bytesPerToken(parameters: f("params"), bytesPerParameter: f("bytes"), kvBytesPerToken: f("kv"), contextTokens: f("context"))
        case "kv-bytes-per-token":
            result = try Inference.kvBytesPerToken(layers: f("layers"), kvHeads: f("kv_heads"), headDim: f("head_dim"), bytesPerElement: f("kv_bytes"))
        case "decode-bound": result = try Inference.decodeBound(bandwidth: f("bandwidth"), bytesPerToken: f("bytes_per_token"))
        case "prefill-bound": result = try Inference.prefillBound(peak: f("peak"), parameters: f("params"))
        case "cost-per-million-tokens": result = try Inference.costPerMillionTokens(price: f("price"), throughput: f("throughput"))
        case "kwh-per-gpu-hour":
            result = try Energy.kWhPerGPUHour(power: f("power"), serverOverhead: f("overhead"), drawFraction: f("draw"), pue: f("pue"))
        case "energy-cost-per-gpu-hour": result = try Energy.costPerGPUHour(kWh: f("kwh"), electricityPrice: f("electricity"))
        case "capex-per-gpu-hour":
            result = try Energy.capexPerGPUHour(purchasePrice: f("purchase"), years: f("years"), utilization: f("utilization"))
        case "break-even": result = try Energy.breakEven(capex: f("capex"), energy: f("energy_cost"))
        case "usd-per-pflop-hour": result = try ValueRatios.perPFLOPHour(price: f("price"), peak: f("peak"))
        case "usd-per-gb-hour": result = try ValueRatios.perGBHour(price: f("price"), memory: f("memory"))
        case "usd-per-tbs-hour": result = try ValueRatios.perTBsHour(price: f("price"), bandwidth: f("bandwidth"))
        default: throw ModelError.unknownName(kind: "formula", name: id, known: Self.all.map(\.id))
        }
        return try result.value.unwrap()
    }

    /// Every formula a live worked example or a live `{compare}` table can use.
    public static let all: [LiveFormula] = [
        LiveFormula("gpu-hours", "gpus * hours", .gpuHours, [("gpus", 1, 100_000), ("hours", 0.1, 10_000)]),
        LiveFormula("cost", "gpu_hours * price", .usd, [("gpu_hours", 1, 1e9), ("price", 0.05, 50)]),
        LiveFormula("training-flops", "6 * params * tokens", .flops, [("params", 1e6, 5e12), ("tokens", 1e8, 1e14)]),
        LiveFormula("gpu-hours-from-flops", "flops / (peak * 1e12 * mfu) / 3600", .gpuHours,
                    [("flops", 1e15, 1e27), ("peak", 10, 20_000), ("mfu", 0, 1)]),
        LiveFormula("wall-clock-days", "gpu_hours / gpus / 24", .days, [("gpu_hours", 1, 1e9), ("gpus", 1, 100_000)]),
        LiveFormula("optimal-tokens", "params * ratio", .tokens, [("params", 1e6, 5e12), ("ratio", 1, 200)]),
        LiveFormula("weights", "params * bytes", .bytes, [("params", 1e6, 5e12), ("bytes", 0.25, 4)]),
        LiveFormula("bytes-per-token", "params * bytes", .bytes, [("params", 1e6, 5e12), ("bytes", 0.25, 4)]),
        LiveFormula("bytes-per-token-kv", "params * bytes + kv * context", .bytes,
                    [("params", 1e6, 5e12), ("bytes", 0.25, 4), ("kv", 1_000, 5e6), ("context", 1, 1e6)]),
        LiveFormula("kv-bytes-per-token", "2 * layers * kv_heads * head_dim * kv_bytes", .bytesPerToken,
                    [("layers", 1, 200), ("kv_heads", 1, 128), ("head_dim", 32, 256), ("kv_bytes", 0.5, 4)]),
        LiveFormula("decode-bound", "bandwidth * 1e12 / bytes_per_token", .tokensPerSecond, [("bandwidth", 0.1, 20), ("bytes_per_token", 1e6, 1e13)]),
        LiveFormula("prefill-bound", "peak * 1e12 / (2 * params)", .tokensPerSecond, [("peak", 10, 20_000), ("params", 1e6, 5e12)]),
        LiveFormula("cost-per-million-tokens", "price / (3600 * throughput) * 1e6", .usdPerMillionTokens,
                    [("price", 0.05, 50), ("throughput", 0.5, 1e6)]),
        LiveFormula("kwh-per-gpu-hour", "power / 1000 * overhead * draw * pue", .kWhPerGPUHour,
                    [("power", 50, 3_000), ("overhead", 1, 3), ("draw", 0, 1), ("pue", 1, 2.5)]),
        LiveFormula("energy-cost-per-gpu-hour", "kwh * electricity", .usdPerGPUHour, [("kwh", 0.01, 10), ("electricity", 0.01, 1)]),
        LiveFormula("capex-per-gpu-hour", "purchase / (years * 8760 * utilization)", .usdPerGPUHour,
                    [("purchase", 1_000, 500_000), ("years", 1, 10), ("utilization", 0, 1)]),
        LiveFormula("break-even", "capex + energy_cost", .usdPerGPUHour, [("capex", 0.01, 50), ("energy_cost", 0.001, 5)]),
        LiveFormula("usd-per-pflop-hour", "price / (peak / 1000)", .usdPerPFLOPHour, [("price", 0.05, 50), ("peak", 10, 20_000)]),
        LiveFormula("usd-per-gb-hour", "price / memory", .usdPerGBHour, [("price", 0.05, 50), ("memory", 8, 1_000)]),
        LiveFormula("usd-per-tbs-hour", "price / bandwidth", .usdPerTBsHour, [("price", 0.05, 50), ("bandwidth", 0.1, 20)]),
    ]

    /// The formula of a `{compare}` row that divides the price per GPU-hour by a spec (`usd-per-pflop-hour`, …), with the
    /// metric that spec is read from; nil for other rows. Its variables are `price` and the spec, in that order (the
    /// order of the model figure's inputs).
    public static func perUnit(_ metric: Metric) -> (formula: LiveFormula, spec: Metric)? {
        let pair: (String, Metric)
        switch metric {
        case .usdPerPFLOPHour: pair = ("usd-per-pflop-hour", .bf16Dense)
        case .usdPerGBHour: pair = ("usd-per-gb-hour", .memory)
        case .usdPerTBsHour: pair = ("usd-per-tbs-hour", .bandwidth)
        default: return nil
        }
        return (try? named(pair.0)).map { ($0, pair.1) }
    }

    /// The formula with `id` (one of `all`).
    public static func named(_ id: String) throws(ModelError) -> LiveFormula {
        if let formula = all.first(where: { $0.id == id }) { return formula }
        throw ModelError.unknownName(kind: "formula", name: id, known: all.map(\.id))
    }

    /// One random input vector: each variable drawn from its range (fractions uniform in (0, 1], others log-uniform).
    public func randomInputs<G: RandomNumberGenerator>(using generator: inout G) -> [String: Double] {
        var values: [String: Double] = [:]
        for variable in variables {
            if variable.low == 0 {
                values[variable.name] = max(1e-3, Double.random(in: 0...variable.high, using: &generator))
            } else {
                let exponent = Double.random(in: variable.low.log10Value...variable.high.log10Value, using: &generator)
                // Round to 6 significant figures, as a reader types numbers, half of the time.
                let raw = Foundation.pow(10, exponent)
                values[variable.name] = Bool.random(using: &generator) ? raw : Double(String(format: "%.5e", raw)) ?? raw
            }
        }
        return values
    }
}

extension Double {
    fileprivate var log10Value: Double { Foundation.log10(self) }
}

extension Optional where Wrapped == Double {
    fileprivate func unwrap() throws(ModelError) -> Double {
        guard let self else { throw ModelError.missing("the formula has no numeric result") }
        return self
    }
}

extension Expression {
    /// The same arithmetic with variables renamed (`["throughput": "decode"]`): how an example binds a formula.
    public func renaming(_ names: [String: String]) -> Expression {
        switch self {
        case .input(let name): return .input(names[name] ?? name)
        case .constant: return self
        case .add(let a, let b): return .add(a.renaming(names), b.renaming(names))
        case .subtract(let a, let b): return .subtract(a.renaming(names), b.renaming(names))
        case .multiply(let a, let b): return .multiply(a.renaming(names), b.renaming(names))
        case .divide(let a, let b): return .divide(a.renaming(names), b.renaming(names))
        case .squareRoot(let a): return .squareRoot(a.renaming(names))
        }
    }
}

/// SplitMix64: a small seeded generator, so random formula inputs can be replayed from the seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Cases for the page's calculator to reproduce: each formula over seeded random inputs, with the model's value
/// (the hand-written function's) and the texts a page shows for it (a step, a derived step, a table cell); and numbers
/// at formatting edges (ties, powers of ten) in every unit. `tools/browser-check` runs them in Chromium through `js/calc.js` and compares.
public struct AgreementCases: Codable, Sendable {
    public struct Vector: Codable, Sendable {
        public var inputs: [String: Double]
        public var value: Double
        /// `Format.figure`, `Format.derived` and `Format.cell` of `value` in the formula's unit.
        public var figure: String
        public var derived: String
        public var cell: String
    }

    public struct FormulaCases: Codable, Sendable {
        public var id: String
        public var text: String
        /// The expression in the page's JSON form, as a JSON text.
        public var expression: String
        public var unit: String
        public var vectors: [Vector]
    }

    public struct FormatCase: Codable, Sendable {
        public var value: Double
        public var unit: String
        public var figure: String
        public var derived: String
        public var cell: String
    }

    public var seed: UInt64
    public var formulas: [FormulaCases]
    public var formats: [FormatCase]

    /// `count` vectors per formula from `seed`.
    public static func make(count: Int, seed: UInt64) throws(ModelError) -> AgreementCases {
        var generator = SplitMix64(seed: seed)
        var formulas: [FormulaCases] = []
        for formula in LiveFormula.all {
            var vectors: [Vector] = []
            while vectors.count < count {
                let inputs = formula.randomInputs(using: &generator)
                let value = try formula.reference(inputs)
                vectors.append(Vector(inputs: inputs, value: value, figure: Format.figure(value, unit: formula.unit),
                                      derived: Format.derived(value, unit: formula.unit), cell: Format.cell(value, unit: formula.unit)))
            }
            formulas.append(FormulaCases(id: formula.id, text: formula.text, expression: formula.expression.json,
                                         unit: formula.unit.rawValue, vectors: vectors))
        }
        var values: [Double] = [0.125, 0.375, 2.5, 3.5, 1.005, 0.0085, 0.00125, 0.045, 999.5, 9995, 99_950, 999_500, 9.995e6, 1e6, 1e9,
                                1e12, 1e15, 0.1, 0.01, 0.001, 1, 10, 100, 1000, 384, 2502.72, 6.5175, 6.155, 0.95, 0.9995, 12.345, 1e-7]
        for _ in 0..<400 {
            let exponent = Double.random(in: -6...18, using: &generator)
            let digits = Int.random(in: 1...6, using: &generator)
            let raw = Foundation.pow(10, exponent)
            values.append(Double(String(format: "%.\(digits - 1)e", raw)) ?? raw)
        }
        let units: [Unit] = [.usd, .usdPerGPUHour, .usdPerHour, .usdPerPFLOPHour, .usdPerGBHour, .usdPerTBsHour, .usdPerKWh, .usdPerMillionTokens,
                             .fraction, .flops, .flopsPerSecond, .ratio, .text, .count, .flopsPerByte, .gpuHours, .hours, .days, .years, .gpus,
                             .parameters, .tokens, .tokensPerSecond, .bytes, .bytesPerToken, .bytesPerParameter, .kWhPerGPUHour, .tflops,
                             .terabytesPerSecond, .watts]
        var formats: [FormatCase] = []
        for (index, value) in values.enumerated() {
            let unit = units[index % units.count]
            for unit in [unit, units[(index * 7 + 3) % units.count]] {
                formats.append(FormatCase(value: value, unit: unit.rawValue, figure: Format.figure(value, unit: unit),
                                          derived: Format.derived(value, unit: unit), cell: Format.cell(value, unit: unit)))
            }
        }
        return AgreementCases(seed: seed, formulas: formulas, formats: formats)
    }
}
