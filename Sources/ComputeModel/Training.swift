/// Training-compute arithmetic: FLOPs = 6·N·D and what follows from it.
public enum Training {
    /// FLOPs = 6 × parameters × tokens (forward pass 2N per token, backward pass about twice that; Kaplan et al. 2020).
    public static func flops(parameters: Figure, tokens: Figure) throws(ModelError) -> Figure {
        let n = try positive(parameters), d = try positive(tokens)
        return .derived("training compute", value: 6 * n * d, .flops,
                        formula: "6 × parameters × training tokens", inputs: [parameters, tokens])
    }

    /// GPU-hours = FLOPs ÷ (peak dense FLOP/s × MFU) ÷ 3,600.
    public static func gpuHours(flops: Figure, peak: Figure, mfu: Figure) throws(ModelError) -> Figure {
        try processorHours(flops: flops, peak: peak, mfu: mfu, label: "GPU-hours", unit: .gpuHours)
    }

    /// Hours on one processor (GPU or CPU) = FLOPs ÷ (peak dense FLOP/s × MFU) ÷ 3,600.
    public static func processorHours(flops: Figure, peak: Figure, mfu: Figure, label: String, unit: Unit) throws(ModelError) -> Figure {
        let c = try positive(flops), tflops = try positive(peak), u = try fraction(mfu)
        return .derived(label, value: c / (tflops * 1e12 * u) / 3600, unit,
                        formula: "FLOPs ÷ (peak dense TFLOPS × 10¹² × MFU) ÷ 3,600 seconds", inputs: [flops, peak, mfu])
    }

    /// Cost = GPU-hours × price per GPU-hour.
    public static func cost(gpuHours: Figure, price: Figure) throws(ModelError) -> Figure {
        let h = try positive(gpuHours), p = try positive(price)
        return .derived("cost", value: h * p, .usd, formula: "GPU-hours × price per GPU-hour", inputs: [gpuHours, price])
    }

    /// Wall-clock days = GPU-hours ÷ GPUs ÷ 24.
    public static func wallClockDays(gpuHours: Figure, gpus: Figure) throws(ModelError) -> Figure {
        let h = try positive(gpuHours), k = try positive(gpus)
        return .derived("wall-clock time", value: h / k / 24, .days, formula: "GPU-hours ÷ GPUs ÷ 24 hours", inputs: [gpuHours, gpus])
    }

    /// Compute-optimal tokens = parameters × tokens per parameter (≈ 20; Hoffmann et al. 2022).
    public static func computeOptimalTokens(parameters: Figure, tokensPerParameter: Figure) throws(ModelError) -> Figure {
        let n = try positive(parameters), r = try positive(tokensPerParameter)
        return .derived("compute-optimal training tokens", value: n * r, .tokens,
                        formula: "parameters × tokens per parameter", inputs: [parameters, tokensPerParameter])
    }

    /// The compute-optimal model for a FLOP budget C with D = r·N: C = 6·N·r·N, so N = √(C ÷ 6r) and D = r·N.
    public static func computeOptimalSize(budget: Figure, tokensPerParameter: Figure) throws(ModelError) -> (parameters: Figure, tokens: Figure) {
        let c = try positive(budget), r = try positive(tokensPerParameter)
        let n = (c / (6 * r)).squareRoot()
        let parameters = Figure.derived("compute-optimal parameters", value: n, .parameters,
                                        formula: "√(FLOP budget ÷ (6 × tokens per parameter))", inputs: [budget, tokensPerParameter])
        let tokens = Figure.derived("compute-optimal training tokens", value: n * r, .tokens,
                                    formula: "parameters × tokens per parameter", inputs: [parameters, tokensPerParameter])
        return (parameters, tokens)
    }

    static func positive(_ figure: Figure) throws(ModelError) -> Double {
        guard let value = figure.value else { throw ModelError.missing("\(figure.label) is \(figure.formatted)") }
        guard value > 0, value.isFinite else { throw ModelError.invalid("\(figure.label) must be greater than 0, not \(value)") }
        return value
    }

    static func fraction(_ figure: Figure) throws(ModelError) -> Double {
        let value = try positive(figure)
        guard value <= 1 else { throw ModelError.invalid("\(figure.label) must be a fraction between 0 and 1, not \(value)") }
        return value
    }
}

/// A training run worked out end to end.
public struct TrainingEstimate: Sendable, Hashable, Codable {
    public var gpu: String
    public var precision: Precision
    public var flops: Figure
    public var gpuHours: Figure
    /// Present when a GPU count was given.
    public var wallClockDays: Figure?
    /// Present when a price was given or prices exist for the accelerator.
    public var cost: Figure?
    public var computeOptimalTokens: Figure
    /// The compute-optimal model for the same FLOP budget.
    public var computeOptimalParameters: Figure
}

extension ComputeData {
    /// Works out a training run of `parameters` × `tokens` on `gpu`.
    ///
    /// MFU defaults to the `mfu` assumption; the price to the median on-demand price as of the build date
    /// (no cost when there is none); the wall-clock time needs `gpus`.
    public func training(parameters: Double, tokens: Double, gpu: String, precision: Precision = .bf16,
                         mfu: Double? = nil, price: Double? = nil, gpus: Int? = nil) throws(ModelError) -> TrainingEstimate {
        let accelerator = try accelerator(id: gpu)
        let (n, mfuFigure, flops) = try trainingJob(parameters: parameters, tokens: tokens, mfu: mfu)
        let hours = try Training.gpuHours(flops: flops, peak: accelerator.peak(precision), mfu: mfuFigure)
        var priceFigure: Figure?
        if let price {
            priceFigure = Figure("price per GPU-hour", value: price, .usdPerGPUHour, provenance: .input(asOf: givenAsOf))
        } else {
            priceFigure = try? priceStats(gpu: accelerator.id).statistic("median")
        }
        let cost = try priceFigure.map { price throws(ModelError) in try Training.cost(gpuHours: hours, price: price) }
        let days = try gpus.map { count throws(ModelError) in
            try Training.wallClockDays(gpuHours: hours, gpus: Figure("GPUs", value: Double(count), .gpus, provenance: .input(asOf: givenAsOf)))
        }
        let ratio = try assumptions.figure("tokens-per-parameter")
        let optimal = try Training.computeOptimalTokens(parameters: n, tokensPerParameter: ratio)
        let size = try Training.computeOptimalSize(budget: flops, tokensPerParameter: ratio)
        return TrainingEstimate(gpu: accelerator.id, precision: precision, flops: flops, gpuHours: hours, wallClockDays: days,
                                cost: cost, computeOptimalTokens: optimal, computeOptimalParameters: size.parameters)
    }
}

extension ComputeData {
    /// The inputs of a training job as figures (parameters and MFU; MFU defaults to the `mfu` assumption) and its FLOPs.
    func trainingJob(parameters: Double, tokens: Double, mfu: Double?) throws(ModelError) -> (parameters: Figure, mfu: Figure, flops: Figure) {
        let n = Figure("parameters", value: parameters, .parameters, provenance: .input(asOf: givenAsOf))
        let d = Figure("training tokens", value: tokens, .tokens, provenance: .input(asOf: givenAsOf))
        let mfuFigure: Figure
        if let mfu { mfuFigure = Figure("MFU", value: mfu, .fraction, provenance: .override(asOf: givenAsOf)) } else { mfuFigure = try assumptions.figure("mfu") }
        return (n, mfuFigure, try Training.flops(parameters: n, tokens: d))
    }
}

extension Provenance {
    /// A value the caller gave for this calculation (a page's parameters or a command-line flag).
    public static func input(asOf: Day) -> Provenance {
        Provenance(source: "input", asOf: asOf, confidence: .derived, note: "given for this calculation")
    }
}
