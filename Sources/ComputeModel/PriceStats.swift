/// Price statistics for one accelerator and pricing type as of a day, in USD per GPU-hour.
///
/// Each provider counts once: its latest observation on or before `asOf` (ties on the same day go to the
/// cheaper offer), and only when that observation is at most `windowDays` old. `history` keeps every
/// observation up to `asOf`, oldest first.
public struct PriceStats: Sendable, Hashable, Codable {
    public var gpu: String
    public var type: PricingType
    public var asOf: Day
    public var windowDays: Int
    /// The latest observation of each provider within the window, cheapest first.
    public var latestByProvider: [PriceObservation]
    /// Every observation up to `asOf`, oldest first.
    public var history: [PriceObservation]
    public var min: Figure?
    public var median: Figure?
    public var max: Figure?
    /// Providers behind the statistics, alphabetically.
    public var providers: [String]
    /// The newest observation date among `latestByProvider`.
    public var newest: Day?

    /// How many providers the statistics cover.
    public var count: Int { latestByProvider.count }

    /// Days between the newest observation and `asOf` (nil without observations).
    public var ageDays: Int? { newest.map { asOf.days(since: $0) } }

    /// Computes the statistics from `observations` (any order: the result does not depend on it).
    /// `gpuName` is how labels name the accelerator (default: its id).
    public init(observations: [PriceObservation], gpu: String, type: PricingType, asOf: Day, windowDays: Int = PriceStats.defaultWindowDays,
                gpuName: String? = nil) {
        let relevant = observations.filter { $0.gpu == gpu && $0.type == type && $0.date <= asOf }
        self.init(history: relevant.sorted(by: PriceObservation.historyOrder),
                  gpu: gpu, type: type, asOf: asOf, windowDays: windowDays, gpuName: gpuName)
    }

    /// Statistics from `history`: one group's observations up to `asOf`, oldest first, cheaper first on a day.
    init(history: [PriceObservation], gpu: String, type: PricingType, asOf: Day, windowDays: Int, gpuName: String?) {
        self.gpu = gpu
        self.type = type
        self.asOf = asOf
        self.windowDays = windowDays
        self.history = history
        var latest: [String: PriceObservation] = [:]
        for observation in history where asOf.days(since: observation.date) <= windowDays {
            if let current = latest[observation.provider] {
                // Newer, or the same day and cheaper (ties broken by id).
                if observation.date > current.date
                    || (observation.date == current.date && PriceObservation.historyOrder(observation, current)) {
                    latest[observation.provider] = observation
                }
            } else {
                latest[observation.provider] = observation
            }
        }
        latestByProvider = latest.values.sorted { ($0.usdPerGPUHour, $0.provider) < ($1.usdPerGPUHour, $1.provider) }
        providers = latest.keys.sorted()
        newest = latestByProvider.map(\.date).max()
        let inputs = latestByProvider.map(\.perGPUPrice)
        let prices = latestByProvider.map(\.usdPerGPUHour)
        let scope = "\(type.rawValue) price of \(gpuName ?? gpu) across \(latestByProvider.count) provider\(latestByProvider.count == 1 ? "" : "s")"
        if let low = prices.first, let high = prices.last, let middle = PriceStats.median(prices) {
            min = Figure.derived("lowest \(scope)", value: low, .usdPerGPUHour, formula: "lowest of the providers' latest per-GPU prices", inputs: inputs)
            max = Figure.derived("highest \(scope)", value: high, .usdPerGPUHour, formula: "highest of the providers' latest per-GPU prices", inputs: inputs)
            median = Figure.derived("median \(scope)", value: middle, .usdPerGPUHour,
                                    formula: "median of the providers' latest per-GPU prices (mean of the two middle ones when the count is even)",
                                    inputs: inputs)
        }
    }

    /// The median of `values`: the middle one, or the mean of the two middle ones for an even count; nil when empty.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The names `statistic(_:)` knows.
    public static let statisticNames = ["median", "min", "max", "count", "providers", "min-provider", "max-provider"]

    /// The statistic named `name` (median|min|max|count|providers|min-provider|max-provider) as a figure, for
    /// inline use in pages; `min-provider` and `max-provider` name the provider of the cheapest and dearest row.
    public func statistic(_ name: String) throws(ModelError) -> Figure {
        let label = "\(type.rawValue) \(gpu) price"
        let noData = ModelError.missing("no \(type.rawValue) prices for \(gpu) in the \(windowDays) days up to \(asOf)")
        switch name {
        case "median": if let median { return median } else { throw noData }
        case "min": if let min { return min } else { throw noData }
        case "max": if let max { return max } else { throw noData }
        case "count":
            return Figure.derived("number of providers with a \(label)", value: Double(count), .count,
                                  formula: "providers with an observation in the window", inputs: latestByProvider.map(\.perGPUPrice))
        case "providers":
            return Figure("providers with a \(label)", .text(providers.joined(separator: ", ")), .text,
                          provenance: .derived(asOf: newest ?? asOf))
        case "min-provider", "max-provider":
            // The provider of the cheapest or dearest row in the statistics, read from the rows, so text that says
            // who sits at either end of a range is generated, never typed.
            guard let row = name == "min-provider" ? latestByProvider.first : latestByProvider.last else { throw noData }
            let end = name == "min-provider" ? "cheapest" : "dearest"
            return Figure("provider of the \(end) \(label) (\(Format.usd(row.usdPerGPUHour)) per GPU-hour, \(row.offer))",
                          .text(row.provider), .text, provenance: row.provenance)
        default:
            throw ModelError.unknownName(kind: "price statistic", name: name, known: Self.statisticNames)
        }
    }
}

extension ComputeData {
    /// Price statistics for `gpu` (id or alias) and `type` as of `asOf` (default: the build date).
    /// Reads one group of the price index: statistics as of the build date with the default window are
    /// computed once per load; others cost one binary search and one pass over the group.
    public func priceStats(gpu: String, type: PricingType = .onDemand, asOf: Day? = nil,
                           windowDays: Int = PriceStats.defaultWindowDays) throws(ModelError) -> PriceStats {
        let accelerator = try accelerator(id: gpu)
        let day = asOf ?? today
        if day == today && windowDays == PriceStats.defaultWindowDays, let stats = priceIndex.currentStats(gpu: accelerator.id, type: type) {
            return stats
        }
        return PriceStats(sorted: priceIndex.observations(gpu: accelerator.id, type: type), gpu: accelerator.id, type: type,
                          asOf: day, windowDays: windowDays, gpuName: accelerator.name)
    }
}
