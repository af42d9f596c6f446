/// One server CPU, kept so lessons can set a GPU against "CPU-class" throughput with sourced figures.
///
/// Only what the vendor publishes is stored; peak throughput and memory bandwidth are **derived** by the
/// model (`peakBF16`, `bandwidth`), each with its formula and inputs, rather than typed into the data.
public struct CPU: Sendable, Hashable, Codable, Identifiable {
    /// Stable identity, e.g. `xeon-8480`: used in pages and dependency tracking.
    public var id: String
    /// Other names accepted in directives.
    public var aliases: [String]
    public var name: String
    public var vendor: String
    public var architecture: String
    /// Launch, as precise as the source is.
    public var launched: String
    /// Physical cores.
    public var cores: Figure
    /// Base (all-core, guaranteed) clock (GHz).
    public var baseClock: Figure
    /// Dense BF16 FLOPs one core can finish per cycle on its matrix or vector units.
    public var bf16FlopsPerCycle: Figure
    /// Memory channels per socket.
    public var memoryChannels: Figure
    /// Memory transfer rate per channel (MT/s), e.g. 4,800 for DDR5-4800.
    public var memorySpeed: Figure
    /// Memory technology, e.g. "DDR5-4800".
    public var memoryType: Figure
    /// Thermal design power (W).
    public var power: Figure
    /// The line in cpus.yaml where this entry starts.
    public var line: Int

    /// Every name this CPU answers to.
    public var names: [String] { [id] + aliases }

    /// Peak dense BF16 TFLOPS = cores × base clock (GHz) × BF16 FLOPs per cycle per core ÷ 1,000.
    public var peakBF16: Figure {
        guard let c = cores.value, let ghz = baseClock.value, let perCycle = bf16FlopsPerCycle.value else {
            return Figure("BF16 dense peak", .notAvailable("not gathered"), .tflops, provenance: cores.provenance)
        }
        return .derived("BF16 dense peak", value: c * ghz * perCycle / 1000, .tflops,
                        formula: "cores × base clock (GHz) × BF16 FLOPs per cycle per core ÷ 1,000",
                        inputs: [cores, baseClock, bf16FlopsPerCycle],
                        note: "at the base clock; a theoretical peak no real job reaches")
    }

    /// Peak memory bandwidth (TB/s) = channels × transfer rate (MT/s) × 8 bytes per transfer ÷ 1,000,000.
    public var bandwidth: Figure {
        guard let n = memoryChannels.value, let rate = memorySpeed.value else {
            return Figure("memory bandwidth", .notAvailable("not gathered"), .terabytesPerSecond, provenance: memoryChannels.provenance)
        }
        return .derived("memory bandwidth", value: n * rate * 8 / 1_000_000, .terabytesPerSecond,
                        formula: "memory channels × transfer rate (MT/s) × 8 bytes per transfer ÷ 1,000,000",
                        inputs: [memoryChannels, memorySpeed])
    }
}
