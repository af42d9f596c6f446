/// One training job worked out on a CPU and on a GPU at the same share of peak, to show the gap in throughput.
public struct CPUComparison: Sendable, Hashable, Codable {
    public var cpu: String
    public var gpu: String
    /// Training compute, 6 × parameters × tokens.
    public var flops: Figure
    /// Hours on one CPU at its dense BF16 peak × MFU.
    public var cpuHours: Figure
    /// Hours on one GPU at its dense BF16 peak × MFU.
    public var gpuHours: Figure
    /// How many CPUs do the work of one GPU (CPU-hours ÷ GPU-hours).
    public var cpusPerGPU: Figure
}

extension ComputeData {
    /// Works out the training job `parameters` × `tokens` on `cpu` and on `gpu`, both in BF16 at the same MFU
    /// (default: the `mfu` assumption, which is measured on GPUs, so it flatters the CPU).
    public func cpuComparison(parameters: Double, tokens: Double, cpu cpuID: String, gpu gpuID: String,
                              mfu: Double? = nil) throws(ModelError) -> CPUComparison {
        let cpu = try cpu(id: cpuID)
        let accelerator = try accelerator(id: gpuID)
        let (_, mfuFigure, flops) = try trainingJob(parameters: parameters, tokens: tokens, mfu: mfu)
        let cpuPeak = cpu.peakBF16.labelled("\(cpu.name) BF16 dense peak")
        let gpuPeak = accelerator.peak(.bf16).labelled("\(accelerator.name) BF16 dense peak")
        let cpuHours = try Training.processorHours(flops: flops, peak: cpuPeak, mfu: mfuFigure, label: "CPU-hours on \(cpu.name)", unit: .cpuHours)
        let gpuHours = try Training.processorHours(flops: flops, peak: gpuPeak, mfu: mfuFigure, label: "GPU-hours on \(accelerator.name)", unit: .gpuHours)
        let c = try Training.positive(cpuHours), g = try Training.positive(gpuHours)
        let ratio = Figure.derived("CPUs that match one GPU", value: c / g, .ratio,
                                   formula: "CPU-hours ÷ GPU-hours (the same job at the same MFU)", inputs: [cpuHours, gpuHours])
        return CPUComparison(cpu: cpu.id, gpu: accelerator.id, flops: flops, cpuHours: cpuHours, gpuHours: gpuHours, cpusPerGPU: ratio)
    }
}
