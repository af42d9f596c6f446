/// The price observations grouped by accelerator and pricing type, each group sorted oldest first (ties:
/// cheaper first, then by id), built once when the data is loaded. Every price figure reads its group from
/// here, so no figure scans all rows: statistics cost the size of one group, not of the whole file.
public final class PriceIndex: Sendable {
    /// An accelerator id and a pricing type.
    public struct Key: Hashable, Sendable {
        public var gpu: String
        public var type: PricingType

        public init(gpu: String, type: PricingType) {
            self.gpu = gpu
            self.type = type
        }
    }

    private let groups: [Key: [PriceObservation]]
    /// Statistics as of the build date with the default window, per group, computed once.
    private let current: [Key: PriceStats]

    /// Indexes `observations` (any order). `names` maps accelerator ids to display names; `today` and
    /// `windowDays` are those of the statistics computed up front.
    init(_ observations: [PriceObservation], names: [String: String], today: Day, windowDays: Int = PriceStats.defaultWindowDays) {
        // Positions are grouped and sorted, and each observation is copied once, into its place: sorting the
        // observations themselves moved ~170-byte values and their references at every swap.
        var positions: [Key: [Int]] = [:]
        for (position, observation) in observations.enumerated() {
            positions[Key(gpu: observation.gpu, type: observation.type), default: []].append(position)
        }
        var groups: [Key: [PriceObservation]] = [:]
        groups.reserveCapacity(positions.count)
        for (key, group) in positions {
            let sorted = group.sorted { PriceObservation.historyOrder(observations[$0], observations[$1]) }
            groups[key] = sorted.map { observations[$0] }
        }
        self.groups = groups
        var current: [Key: PriceStats] = [:]
        for (key, rows) in groups {
            current[key] = PriceStats(sorted: rows, gpu: key.gpu, type: key.type, asOf: today, windowDays: windowDays, gpuName: names[key.gpu])
        }
        self.current = current
    }

    /// The observations of `gpu` and `type`, oldest first (empty when there are none).
    public func observations(gpu: String, type: PricingType) -> [PriceObservation] {
        groups[Key(gpu: gpu, type: type)] ?? []
    }

    /// Every (accelerator, pricing type) pair that has observations.
    public var keys: [Key] { Array(groups.keys) }

    /// The statistics of `gpu` and `type` as of the build date with the default window, if it has observations.
    func currentStats(gpu: String, type: PricingType) -> PriceStats? {
        current[Key(gpu: gpu, type: type)]
    }
}

extension PriceStats {
    /// The statistics window used unless a caller asks for another: a year.
    public static let defaultWindowDays = 365

    /// Statistics from one group's observations already sorted as `PriceIndex` sorts them (oldest first; on a
    /// day, cheaper first): the rows up to `asOf` are found by binary search, then walked once.
    init(sorted rows: [PriceObservation], gpu: String, type: PricingType, asOf: Day, windowDays: Int, gpuName: String?) {
        var low = 0, high = rows.count
        while low < high {
            let middle = (low + high) / 2
            if rows[middle].date <= asOf { low = middle + 1 } else { high = middle }
        }
        self.init(history: Array(rows[..<low]), gpu: gpu, type: type, asOf: asOf, windowDays: windowDays, gpuName: gpuName)
    }

    /// The market median as `PriceStats` defines it, on every date that has an observation of `rows` (one
    /// group, sorted as `PriceIndex` sorts it): the median of each provider's latest price within `windowDays`.
    /// One pass over the rows, instead of one statistics computation per date.
    public static func runningMedian(of rows: [PriceObservation], windowDays: Int = defaultWindowDays) -> [(date: Day, median: Double)] {
        runningMedians(of: rows, windowDays: windowDays).compactMap { point in point.median.map { (point.date, $0) } }
    }

    /// Like `runningMedian`, with every observation date, nil where no provider's price is within the window.
    public static func runningMedians(of rows: [PriceObservation], windowDays: Int = defaultWindowDays) -> [(date: Day, median: Double?)] {
        var latest: [String: PriceObservation] = [:]
        var result: [(date: Day, median: Double?)] = []
        var position = 0
        while position < rows.count {
            let day = rows[position].date
            while position < rows.count && rows[position].date == day {
                let observation = rows[position]
                // Sorted cheaper first on a day: the first row of a provider on its newest day is the one that counts.
                if let current = latest[observation.provider], current.date >= observation.date {} else {
                    latest[observation.provider] = observation
                }
                position += 1
            }
            let prices = latest.values.filter { day.days(since: $0.date) <= windowDays }.map(\.usdPerGPUHour)
            result.append((day, median(prices)))
        }
        return result
    }
}
