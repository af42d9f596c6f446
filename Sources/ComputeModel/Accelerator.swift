/// A numeric format an accelerator's tensor cores (or vector units, for FP64) compute in.
public enum Precision: String, Sendable, Codable, CaseIterable, Hashable {
    /// FP64 on the vector units.
    case fp64
    /// FP64 on the tensor cores, where the vendor quotes one.
    case fp64Tensor = "fp64-tensor"
    case tf32
    /// BF16 / FP16 (same peak on every accelerator here).
    case bf16
    case fp8
    case fp4

    /// "BF16", "FP64 (tensor)", …
    public var label: String {
        switch self {
        case .fp64: "FP64"
        case .fp64Tensor: "FP64 (tensor)"
        case .tf32: "TF32"
        case .bf16: "BF16/FP16"
        case .fp8: "FP8"
        case .fp4: "FP4"
        }
    }

    /// The format whose peak applies to weights stored with `bytesPerParameter` bytes (2 → BF16, 1 → FP8, 0.5 → FP4).
    public static func matching(bytesPerParameter: Double) -> Precision? {
        switch bytesPerParameter {
        case 2: .bf16
        case 1: .fp8
        case 0.5: .fp4
        case 4: .tf32
        default: nil
        }
    }
}

/// One accelerator's specification, every figure with its source and the date it was read.
///
/// Peak throughput figures are **dense**. The vendor's 2:4-sparsity figures are kept apart in `sparse`
/// only so readers can reconcile them with datasheets; no calculation uses them.
public struct Accelerator: Sendable, Hashable, Codable, Identifiable {
    /// Stable identity, e.g. `h100-sxm`: used in pages, prices and dependency tracking.
    public var id: String
    /// Other names accepted on the command line and in directives (e.g. `h200` for `h200-sxm`).
    public var aliases: [String]
    public var name: String
    public var vendor: String
    public var architecture: String
    public var process: String
    /// Announcement or launch, as precise as the source is ("2022-03-22", "2022–23").
    public var launched: String
    /// HBM capacity (GB).
    public var memory: Figure
    /// Memory technology, e.g. "HBM3e".
    public var memoryType: Figure
    /// Memory bandwidth (TB/s).
    public var bandwidth: Figure
    /// Scale-up interconnect, e.g. "NVLink 4".
    public var interconnect: Figure
    /// Interconnect bandwidth per GPU (GB/s; bidirectional unless the note says otherwise).
    public var interconnectBandwidth: Figure
    /// Maximum board power (W).
    public var power: Figure
    /// Peak dense throughput per format (TFLOPS), keyed by `Precision.rawValue`.
    public var dense: [String: Figure]
    /// The vendor's sparse (2:4) figures, labelled as such, keyed by `Precision.rawValue`. Never used in calculations.
    public var sparse: [String: Figure]
    /// Streaming multiprocessors (NVIDIA) or compute units (AMD), where a source was read; nil otherwise.
    public var sms: Figure?
    /// FP32 cores ("CUDA cores"), the simple lanes that run one thread's arithmetic each; nil when not gathered.
    public var fp32Cores: Figure?
    /// Tensor cores (matrix units); nil when not gathered.
    public var tensorCores: Figure?
    /// The line in accelerators.yaml where this entry starts.
    public var line: Int

    /// Peak dense TFLOPS in `precision` (a `.notAvailable` figure when the format is unsupported or not gathered).
    public func peak(_ precision: Precision) -> Figure {
        dense[precision.rawValue]
            ?? Figure("\(precision.label) dense peak", .notAvailable("not gathered"), .tflops,
                      provenance: memory.provenance)
    }

    /// Every name this accelerator answers to.
    public var names: [String] { [id] + aliases }
}

/// A citation the data files refer to by id (e.g. `R-STAS`).
public struct SourceReference: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var url: String?
}
