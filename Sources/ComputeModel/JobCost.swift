/// The simplest rental arithmetic: GPU-hours = GPUs × hours, and what a job costs at a price.
public enum Job {
    /// GPU-hours = GPUs × wall-clock hours.
    public static func gpuHours(gpus: Figure, hours: Figure) throws(ModelError) -> Figure {
        let k = try Training.positive(gpus), h = try Training.positive(hours)
        return .derived("GPU-hours", value: k * h, .gpuHours, formula: "GPUs × hours", inputs: [gpus, hours])
    }

    /// Cost = GPU-hours × price per GPU-hour.
    public static func cost(gpuHours: Figure, price: Figure) throws(ModelError) -> Figure {
        try Training.cost(gpuHours: gpuHours, price: price)
    }
}

/// A job of `gpus` GPUs for `hours` hours, worked out.
public struct JobEstimate: Sendable, Hashable, Codable {
    public var gpu: String
    public var gpuHours: Figure
    /// Present when a price was given or prices exist for the accelerator and pricing type.
    public var cost: Figure?
}

extension ComputeData {
    /// GPU-hours and cost of running `gpus` × `gpu` for `hours`; the price defaults to the median of `type`.
    public func job(gpus: Double, hours: Double, gpu: String, price: Double? = nil, type: PricingType = .onDemand) throws(ModelError) -> JobEstimate {
        let accelerator = try accelerator(id: gpu)
        let total = try Job.gpuHours(gpus: Figure("GPUs", value: gpus, .gpus, provenance: .input(asOf: givenAsOf)),
                                     hours: Figure("hours", value: hours, .hours, provenance: .input(asOf: givenAsOf)))
        let priceFigure = price.map { Figure("price per GPU-hour", value: $0, .usdPerGPUHour, provenance: .input(asOf: givenAsOf)) }
            ?? (try? priceStats(gpu: accelerator.id, type: type).statistic("median"))
        let cost = try priceFigure.map { p throws(ModelError) in try Job.cost(gpuHours: total, price: p) }
        return JobEstimate(gpu: accelerator.id, gpuHours: total, cost: cost)
    }
}
