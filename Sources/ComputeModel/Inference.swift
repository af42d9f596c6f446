/// Serving arithmetic: KV-cache size, the memory-bandwidth bound on decode, the compute bound on prefill, cost per token.
public enum Inference {
    /// KV-cache bytes per token = 2 (K and V) × layers × KV heads × head dimension × bytes per element.
    public static func kvBytesPerToken(layers: Figure, kvHeads: Figure, headDim: Figure, bytesPerElement: Figure) throws(ModelError) -> Figure {
        let l = try Training.positive(layers), h = try Training.positive(kvHeads)
        let d = try Training.positive(headDim), b = try Training.positive(bytesPerElement)
        return .derived("KV cache per token", value: 2 * l * h * d * b, .bytesPerToken,
                        formula: "2 (K and V) × layers × KV heads × head dimension × bytes per element",
                        inputs: [layers, kvHeads, headDim, bytesPerElement])
    }

    /// Bytes read from HBM per generated token = parameters × bytes per parameter (+ KV bytes per token × context tokens).
    public static func bytesPerToken(parameters: Figure, bytesPerParameter: Figure, kvBytesPerToken: Figure? = nil,
                                     contextTokens: Figure? = nil) throws(ModelError) -> Figure {
        let n = try Training.positive(parameters), b = try Training.positive(bytesPerParameter)
        var total = n * b
        var inputs = [parameters, bytesPerParameter]
        var formula = "parameters × bytes per parameter (every weight is read once per generated token)"
        if let kvBytesPerToken, let contextTokens {
            total += try Training.positive(kvBytesPerToken) * Training.positive(contextTokens)
            inputs += [kvBytesPerToken, contextTokens]
            formula += " + KV cache per token × context tokens"
        }
        return .derived("bytes read per generated token", value: total, .bytes, formula: formula, inputs: inputs)
    }

    /// Upper bound on decode speed for one sequence = memory bandwidth ÷ bytes read per token.
    public static func decodeBound(bandwidth: Figure, bytesPerToken: Figure) throws(ModelError) -> Figure {
        let bw = try Training.positive(bandwidth), bytes = try Training.positive(bytesPerToken)
        return .derived("decode upper bound per sequence", value: bw * 1e12 / bytes, .tokensPerSecond,
                        formula: "memory bandwidth (TB/s × 10¹²) ÷ bytes read per token",
                        inputs: [bandwidth, bytesPerToken], note: "an upper bound: real bandwidth utilization is lower")
    }

    /// Upper bound on prefill speed = peak dense FLOP/s ÷ (2 × parameters) FLOPs per token.
    public static func prefillBound(peak: Figure, parameters: Figure) throws(ModelError) -> Figure {
        let tflops = try Training.positive(peak), n = try Training.positive(parameters)
        return .derived("prefill upper bound", value: tflops * 1e12 / (2 * n), .tokensPerSecond,
                        formula: "peak dense TFLOPS × 10¹² ÷ (2 × parameters) FLOPs per token",
                        inputs: [peak, parameters], note: "an upper bound at 100% of peak compute")
    }

    /// Cost per million tokens = price per GPU-hour ÷ (3,600 × tokens per second) × 1,000,000.
    public static func costPerMillionTokens(price: Figure, throughput: Figure) throws(ModelError) -> Figure {
        let p = try Training.positive(price), x = try Training.positive(throughput)
        return .derived("cost per million tokens", value: p / (3600 * x) * 1e6, .usdPerMillionTokens,
                        formula: "price per GPU-hour ÷ (3,600 × tokens per second) × 1,000,000", inputs: [price, throughput])
    }
}

/// The architecture of a model for KV-cache sizing.
public struct ModelShape: Sendable, Hashable, Codable {
    public var layers: Int
    public var kvHeads: Int
    public var headDim: Int
    /// Bytes per KV-cache element (2 for BF16).
    public var bytesPerElement: Double
    /// Tokens already in the context when a token is generated.
    public var contextTokens: Int

    public init(layers: Int, kvHeads: Int, headDim: Int, bytesPerElement: Double = 2, contextTokens: Int) {
        self.layers = layers
        self.kvHeads = kvHeads
        self.headDim = headDim
        self.bytesPerElement = bytesPerElement
        self.contextTokens = contextTokens
    }
}

/// Serving a model on one accelerator, worked out.
public struct InferenceEstimate: Sendable, Hashable, Codable {
    public var gpu: String
    public var precision: Precision
    public var weightBytes: Figure
    public var kvBytesPerToken: Figure?
    public var bytesPerToken: Figure
    public var decodeTokensPerSecond: Figure
    /// Absent when the accelerator has no dense peak in `precision`.
    public var prefillTokensPerSecond: Figure?
    public var throughput: Figure
    public var costPerMillionTokens: Figure?
}

extension ComputeData {
    /// Decode and prefill bounds for a model of `parameters` stored at `bytesPerParameter` on `gpu`.
    ///
    /// The cost per million tokens uses `throughput` (aggregate tokens/s) when given, else the single-sequence
    /// decode bound, and `price` when given, else the median on-demand price.
    public func inference(parameters: Double, bytesPerParameter: Double, gpu: String, shape: ModelShape? = nil,
                          precision: Precision? = nil, price: Double? = nil, throughput: Double? = nil) throws(ModelError) -> InferenceEstimate {
        let accelerator = try accelerator(id: gpu)
        let n = Figure("parameters", value: parameters, .parameters, provenance: .input(asOf: givenAsOf))
        let b = Figure("bytes per parameter", value: bytesPerParameter, .bytesPerParameter, provenance: .input(asOf: givenAsOf))
        let weights = Figure.derived("weights", value: parameters * bytesPerParameter, .bytes,
                                     formula: "parameters × bytes per parameter", inputs: [n, b])
        var kv: Figure?
        var context: Figure?
        if let shape {
            func input(_ label: String, _ value: Double, _ unit: Unit) -> Figure { Figure(label, value: value, unit, provenance: .input(asOf: givenAsOf)) }
            kv = try Inference.kvBytesPerToken(layers: input("layers", Double(shape.layers), .count),
                                               kvHeads: input("KV heads", Double(shape.kvHeads), .count),
                                               headDim: input("head dimension", Double(shape.headDim), .count),
                                               bytesPerElement: input("bytes per KV element", shape.bytesPerElement, .bytes))
            if shape.contextTokens > 0 { context = input("context tokens", Double(shape.contextTokens), .tokens) }
        }
        let perToken = try Inference.bytesPerToken(parameters: n, bytesPerParameter: b, kvBytesPerToken: context == nil ? nil : kv,
                                                   contextTokens: context)
        let decode = try Inference.decodeBound(bandwidth: accelerator.bandwidth, bytesPerToken: perToken)
        let format = precision ?? Precision.matching(bytesPerParameter: bytesPerParameter) ?? .bf16
        let prefill = try? Inference.prefillBound(peak: accelerator.peak(format), parameters: n)
        let rate = throughput.map { Figure("throughput", value: $0, .tokensPerSecond, provenance: .input(asOf: givenAsOf)) } ?? decode
        let priceFigure = price.map { Figure("price per GPU-hour", value: $0, .usdPerGPUHour, provenance: .input(asOf: givenAsOf)) }
            ?? (try? priceStats(gpu: accelerator.id).statistic("median"))
        let cost = try priceFigure.map { p throws(ModelError) in try Inference.costPerMillionTokens(price: p, throughput: rate) }
        return InferenceEstimate(gpu: accelerator.id, precision: format, weightBytes: weights, kvBytesPerToken: kv,
                                 bytesPerToken: perToken, decodeTokensPerSecond: decode, prefillTokensPerSecond: prefill,
                                 throughput: rate, costPerMillionTokens: cost)
    }
}
