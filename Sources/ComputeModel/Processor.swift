/// A column of a comparison: an accelerator from accelerators.yaml or a CPU from cpus.yaml.
public enum Processor: Sendable, Hashable {
    case accelerator(Accelerator)
    case cpu(CPU)

    public var id: String {
        switch self {
        case .accelerator(let accelerator): accelerator.id
        case .cpu(let cpu): cpu.id
        }
    }

    public var name: String {
        switch self {
        case .accelerator(let accelerator): accelerator.name
        case .cpu(let cpu): cpu.name
        }
    }
}

extension ComputeData {
    /// The CPU with this id or alias, or an error whose message names the closest id.
    public func cpu(id: String) throws(ModelError) -> CPU {
        try Self.lookup(id, in: cpus, kind: "CPU", id: \.id, names: \.names)
    }

    /// The figure for `metric` of a CPU. CPUs have no HBM, no rental prices here and only the BF16 peak is derived,
    /// so those metrics are `.notAvailable` with the reason.
    public func figure(metric name: String, for cpu: CPU) throws(ModelError) -> Figure {
        let metric = try Metric.named(name)
        func missing(_ reason: String, _ unit: Unit = .text) -> Figure {
            Figure(metric.label, .notAvailable(reason), unit, provenance: cpu.cores.provenance)
        }
        switch metric {
        case .cores: return cpu.cores
        case .bf16Dense: return cpu.peakBF16
        case .bandwidth: return cpu.bandwidth
        case .flopsPerByte: return try ValueRatios.flopsPerByte(peak: cpu.peakBF16, bandwidth: cpu.bandwidth)
        case .power: return cpu.power
        case .memoryType: return cpu.memoryType
        case .memory: return missing("no HBM; memory sits in DIMM slots")
        case .sms, .tensorCores: return missing("a CPU has neither")
        case .fp8Dense, .fp4Dense, .tf32Dense, .fp64, .interconnect: return missing("not gathered")
        case .medianPrice, .usdPerPFLOPHour, .usdPerGBHour, .usdPerTBsHour: return missing("no CPU rental prices in the data")
        }
    }

    /// The figure for `metric` of either kind of processor.
    public func figure(metric name: String, for processor: Processor, prices: PriceStats? = nil) throws(ModelError) -> Figure {
        switch processor {
        case .accelerator(let accelerator): try figure(metric: name, for: accelerator, prices: prices)
        case .cpu(let cpu): try figure(metric: name, for: cpu)
        }
    }
}
