/// The spec and value metrics that compare tables and inline `{spec …}` figures can ask for.
public enum Metric: String, Sendable, Codable, CaseIterable, Hashable {
    case bf16Dense = "bf16-dense"
    case fp8Dense = "fp8-dense"
    case fp4Dense = "fp4-dense"
    case tf32Dense = "tf32-dense"
    case fp64
    case memory
    case memoryType = "memory-type"
    case bandwidth
    case interconnect
    case power
    /// CPU cores, or a GPU's FP32 ("CUDA") cores.
    case cores
    /// Streaming multiprocessors (GPU).
    case sms
    case tensorCores = "tensor-cores"
    /// Dense BF16 FLOPs the chip can do per byte it reads from memory at full bandwidth.
    case flopsPerByte = "flops-per-byte"
    case medianPrice = "median-price"
    case usdPerPFLOPHour = "usd-per-pflop-hour"
    case usdPerGBHour = "usd-per-gb-hour"
    case usdPerTBsHour = "usd-per-tbs-hour"

    /// A column heading: "BF16 dense", "USD per PFLOP-hour", …
    public var label: String {
        switch self {
        case .bf16Dense: "BF16 dense (TFLOPS)"
        case .fp8Dense: "FP8 dense (TFLOPS)"
        case .fp4Dense: "FP4 dense (TFLOPS)"
        case .tf32Dense: "TF32 dense (TFLOPS)"
        case .fp64: "FP64 (TFLOPS)"
        case .memory: "HBM (GB)"
        case .memoryType: "Memory type"
        case .bandwidth: "Bandwidth (TB/s)"
        case .interconnect: "Interconnect"
        case .power: "Max power (W)"
        case .cores: "Cores (CPU cores; GPU FP32 cores)"
        case .sms: "Streaming multiprocessors"
        case .tensorCores: "Tensor cores"
        case .flopsPerByte: "BF16 FLOPs per byte of memory bandwidth"
        case .medianPrice: "Median price ($/GPU-hr)"
        case .usdPerPFLOPHour: "$ per BF16 PFLOP-hour"
        case .usdPerGBHour: "$ per GB-hour"
        case .usdPerTBsHour: "$ per TB/s-hour"
        }
    }

    /// Whether the metric needs price statistics.
    public var needsPrice: Bool {
        switch self {
        case .medianPrice, .usdPerPFLOPHour, .usdPerGBHour, .usdPerTBsHour: true
        default: false
        }
    }

    /// The metric named `name`, or an error listing the valid names (and the closest one).
    public static func named(_ name: String) throws(ModelError) -> Metric {
        if let metric = Metric(rawValue: name) { return metric }
        throw ModelError.unknownName(kind: "metric", name: name, known: allCases.map(\.rawValue))
    }
}

extension ComputeData {
    /// The figure for metric `name` of `accelerator`; price metrics use `prices` (default: on-demand as of the build date).
    public func figure(metric name: String, for accelerator: Accelerator, prices: PriceStats? = nil) throws(ModelError) -> Figure {
        let metric = try Metric.named(name)
        switch metric {
        case .bf16Dense: return accelerator.peak(.bf16)
        case .fp8Dense: return accelerator.peak(.fp8)
        case .fp4Dense: return accelerator.peak(.fp4)
        case .tf32Dense: return accelerator.peak(.tf32)
        case .fp64: return accelerator.peak(.fp64)
        case .memory: return accelerator.memory
        case .memoryType: return accelerator.memoryType
        case .bandwidth: return accelerator.bandwidth
        case .interconnect:
            var figure = accelerator.interconnect
            if case .text(let name) = figure.quantity, let bandwidth = accelerator.interconnectBandwidth.value {
                figure.quantity = .text("\(name), \(Format.grouped(bandwidth)) GB/s")
            }
            return figure
        case .power: return accelerator.power
        case .cores: return accelerator.fp32Cores ?? Self.notGathered(metric, .cores, accelerator)
        case .sms: return accelerator.sms ?? Self.notGathered(metric, .count, accelerator)
        case .tensorCores: return accelerator.tensorCores ?? Self.notGathered(metric, .cores, accelerator)
        case .flopsPerByte: return try ValueRatios.flopsPerByte(peak: accelerator.peak(.bf16), bandwidth: accelerator.bandwidth)
        case .medianPrice, .usdPerPFLOPHour, .usdPerGBHour, .usdPerTBsHour:
            let stats: PriceStats
            if let prices { stats = prices } else { stats = try priceStats(gpu: accelerator.id) }
            return try Self.figure(metric: metric, for: accelerator, price: stats.statistic("median"))
        }
    }

    /// A price metric (median-price, usd-per-pflop-hour, usd-per-gb-hour, usd-per-tbs-hour) of `accelerator` at `price`
    /// per GPU-hour: the median of the data, or a price the caller gives (`signals model compare --price`). Other
    /// metrics do not depend on a price and are returned as `figure(metric:for:)` gives them.
    public static func figure(metric: Metric, for accelerator: Accelerator, price: Figure) throws(ModelError) -> Figure {
        switch metric {
        case .medianPrice: return price
        case .usdPerPFLOPHour: return try ValueRatios.perPFLOPHour(price: price, peak: accelerator.peak(.bf16))
        case .usdPerGBHour: return try ValueRatios.perGBHour(price: price, memory: accelerator.memory)
        case .usdPerTBsHour: return try ValueRatios.perTBsHour(price: price, bandwidth: accelerator.bandwidth)
        default: throw ModelError.invalid("\(metric.rawValue) is not a price metric")
        }
    }
}

extension ComputeData {
    static func notGathered(_ metric: Metric, _ unit: Unit, _ accelerator: Accelerator) -> Figure {
        Figure(metric.label, .notAvailable("not gathered"), unit, provenance: accelerator.memory.provenance)
    }
}

/// What a GPU-hour buys: price divided by dense BF16 compute, memory or bandwidth; and the chip's own balance of the two.
public enum ValueRatios {
    /// BF16 FLOPs per byte = dense BF16 TFLOPS ÷ memory bandwidth (TB/s); the 10¹² of each cancel.
    ///
    /// A job that does fewer operations than this per byte it reads is limited by memory, not arithmetic.
    public static func flopsPerByte(peak: Figure, bandwidth: Figure) throws(ModelError) -> Figure {
        let (t, b) = try numbers(peak, bandwidth)
        return .derived("BF16 FLOPs per byte of memory bandwidth", value: t / b, .flopsPerByte,
                        formula: "dense BF16 TFLOPS ÷ memory bandwidth (TB/s)", inputs: [peak, bandwidth])
    }

    /// USD per dense BF16 PFLOP-hour = price per GPU-hour ÷ (dense BF16 TFLOPS ÷ 1,000).
    public static func perPFLOPHour(price: Figure, peak: Figure) throws(ModelError) -> Figure {
        let (p, t) = try numbers(price, peak)
        return .derived("USD per dense BF16 PFLOP-hour", value: p / (t / 1000), .usdPerPFLOPHour,
                        formula: "price per GPU-hour ÷ (dense BF16 TFLOPS ÷ 1,000)", inputs: [price, peak])
    }

    /// USD per GB of HBM per hour = price per GPU-hour ÷ HBM GB.
    public static func perGBHour(price: Figure, memory: Figure) throws(ModelError) -> Figure {
        let (p, m) = try numbers(price, memory)
        return .derived("USD per GB of HBM per hour", value: p / m, .usdPerGBHour,
                        formula: "price per GPU-hour ÷ HBM capacity (GB)", inputs: [price, memory])
    }

    /// USD per TB/s of memory bandwidth per hour = price per GPU-hour ÷ bandwidth (TB/s).
    public static func perTBsHour(price: Figure, bandwidth: Figure) throws(ModelError) -> Figure {
        let (p, b) = try numbers(price, bandwidth)
        return .derived("USD per TB/s of memory bandwidth per hour", value: p / b, .usdPerTBsHour,
                        formula: "price per GPU-hour ÷ memory bandwidth (TB/s)", inputs: [price, bandwidth])
    }

    static func numbers(_ a: Figure, _ b: Figure) throws(ModelError) -> (Double, Double) {
        guard let x = a.value else { throw ModelError.missing("\(a.label) is \(a.formatted)") }
        guard let y = b.value, y > 0 else { throw ModelError.missing("\(b.label) is \(b.formatted)") }
        return (x, y)
    }
}
