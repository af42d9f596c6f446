/// How a price is sold.
public enum PricingType: String, Sendable, Codable, CaseIterable, Hashable {
    case onDemand = "on-demand"
    case spot
    case reserved1y = "reserved-1y"
    case reserved3y = "reserved-3y"
    /// Third-party hosts renting through a marketplace (Vast.ai, RunPod Community Cloud).
    case marketplace
    /// Negotiated or committed contracts reported as a market level.
    case contract
}

/// One row of prices.csv: a price seen on a day, for one offer of one provider.
public struct PriceObservation: Sendable, Hashable, Codable, Identifiable {
    public var date: Day
    public var provider: String
    /// Offer or instance name, e.g. `p5.48xlarge`.
    public var offer: String
    /// Accelerator id.
    public var gpu: String
    /// GPUs in the instance the price is for.
    public var gpus: Int
    /// USD per instance-hour, as listed.
    public var usdPerInstanceHour: Double
    public var type: PricingType
    /// Region, or "" when the source does not say.
    public var region: String
    public var sourceURL: String
    /// Citation label, e.g. `R-TCO-REFRESH`.
    public var source: String
    public var confidence: Confidence
    public var note: String
    /// The line of prices.csv the row is on (for messages only; not part of the identity).
    public var line: Int

    public init(date: Day, provider: String, offer: String, gpu: String, gpus: Int, usdPerInstanceHour: Double,
                type: PricingType, region: String, sourceURL: String, source: String, confidence: Confidence,
                note: String, line: Int) {
        self.date = date
        self.provider = provider
        self.offer = offer
        self.gpu = gpu
        self.gpus = gpus
        self.usdPerInstanceHour = usdPerInstanceHour
        self.type = type
        self.region = region
        self.sourceURL = sourceURL
        self.source = source
        self.confidence = confidence
        self.note = note
        self.line = line
    }

    /// Stable identity built from the content: `date|provider|offer|gpu|type|region`.
    public var id: String { [date.description, provider, offer, gpu, type.rawValue, region].joined(separator: "|") }

    /// The order of a price history: oldest first; on a day, cheaper per GPU-hour first; then by `id`, which is
    /// built only for rows that tie on both (building it for every comparison cost seconds at 100,000 rows).
    public static func historyOrder(_ a: PriceObservation, _ b: PriceObservation) -> Bool {
        if a.date != b.date { return a.date < b.date }
        if a.usdPerGPUHour != b.usdPerGPUHour { return a.usdPerGPUHour < b.usdPerGPUHour }
        return a.id < b.id
    }

    /// USD per GPU-hour = instance price ÷ GPUs. Derived, never typed into the file.
    public var usdPerGPUHour: Double { usdPerInstanceHour / Double(gpus) }

    /// Provenance of this observation.
    public var provenance: Provenance {
        Provenance(source: source, title: "\(provider) \(offer)", url: sourceURL, asOf: date, confidence: confidence,
                   note: note.isEmpty ? nil : note)
    }

    /// The listed instance price as a figure.
    public var instancePrice: Figure {
        Figure("\(provider) \(offer) (\(gpus) × \(gpu)), \(type.rawValue)", value: usdPerInstanceHour, .usdPerHour,
               provenance: provenance)
    }

    /// The per-GPU-hour price as a derived figure showing the division.
    public var perGPUPrice: Figure {
        let gpuCount = Figure("GPUs per instance", value: Double(gpus), .gpus, provenance: provenance)
        return Figure.derived("\(provider) \(offer) per GPU-hour", value: usdPerGPUHour, .usdPerGPUHour,
                              formula: "instance price ÷ GPUs per instance", inputs: [instancePrice, gpuCount])
    }
}
