/// The unit of a figure, as a short readable symbol (`TFLOPS`, `USD/GPU-hour`, …).
public struct Unit: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static let tflops = Unit("TFLOPS")
    public static let gigabytes = Unit("GB")
    public static let terabytesPerSecond = Unit("TB/s")
    public static let gigabytesPerSecond = Unit("GB/s")
    public static let watts = Unit("W")
    public static let text = Unit("")
    public static let usd = Unit("USD")
    public static let usdPerHour = Unit("USD/hour")
    public static let usdPerGPUHour = Unit("USD/GPU-hour")
    public static let usdPerPFLOPHour = Unit("USD/PFLOP-hour")
    public static let usdPerGBHour = Unit("USD/GB-hour")
    public static let usdPerTBsHour = Unit("USD/(TB/s)-hour")
    public static let usdPerKWh = Unit("USD/kWh")
    public static let usdPerMillionTokens = Unit("USD/1M tokens")
    public static let flops = Unit("FLOPs")
    public static let flopsPerSecond = Unit("FLOP/s")
    public static let gpuHours = Unit("GPU-hours")
    public static let hours = Unit("hours")
    public static let days = Unit("days")
    public static let years = Unit("years")
    public static let gpus = Unit("GPUs")
    public static let parameters = Unit("parameters")
    public static let tokens = Unit("tokens")
    public static let tokensPerParameter = Unit("tokens/parameter")
    public static let tokensPerSecond = Unit("tokens/s")
    public static let bytes = Unit("bytes")
    public static let bytesPerToken = Unit("bytes/token")
    public static let bytesPerParameter = Unit("bytes/parameter")
    public static let kWhPerGPUHour = Unit("kWh/GPU-hour")
    public static let kilowatts = Unit("kW")
    public static let fraction = Unit("fraction")
    public static let ratio = Unit("×")
    public static let count = Unit("count")
    public static let cores = Unit("cores")
    public static let gigahertz = Unit("GHz")
    public static let flopsPerCyclePerCore = Unit("FLOPs/cycle per core")
    public static let flopsPerByte = Unit("FLOPs/byte")
    public static let megatransfersPerSecond = Unit("MT/s")
    public static let channels = Unit("channels")
    public static let cpuHours = Unit("CPU-hours")
}
