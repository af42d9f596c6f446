/// The market median of one group of price rows as a chart draws it: a step line that holds each value from the
/// day it takes effect to the day it changes, broken wherever fewer than `minProviders` providers have a price
/// within the window, so a lone observation never becomes a line and a long silence never becomes a slope.
public struct MedianLine: Sendable, Hashable {
    /// One stretch of days on which the median had one value.
    public struct Step: Sendable, Hashable {
        /// The first day with this value.
        public var from: Day
        /// The day the value stopped holding (the next step's `from`), or the line's last day.
        public var to: Day
        public var median: Double
        /// Providers behind the value.
        public var providers: Int
    }

    /// Unbroken runs of steps, oldest first; consecutive segments are separated by a gap.
    public var segments: [[Step]]
    /// The days on which the line is not drawn because too few providers had a price, as [from, to) ranges.
    public var gaps: [(from: Day, to: Day)]
    public var minProviders: Int
    public var windowDays: Int
    /// The line's last day (the last observation, or the `end` it was asked to reach).
    public var lastDay: Day?

    public static func == (lhs: MedianLine, rhs: MedianLine) -> Bool {
        lhs.segments == rhs.segments && lhs.minProviders == rhs.minProviders && lhs.windowDays == rhs.windowDays
            && lhs.gaps.map(\.from) == rhs.gaps.map(\.from) && lhs.gaps.map(\.to) == rhs.gaps.map(\.to)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(segments)
        hasher.combine(minProviders)
        hasher.combine(windowDays)
    }

    /// The median the line shows on `day`, or nil where it shows none (a gap, or outside the line).
    public func value(on day: Day) -> Double? {
        // On the line's last day only its final step holds (the step before it ends there).
        if day == lastDay, let final = segments.last?.last, final.to == day { return final.median }
        for segment in segments {
            for step in segment where step.from <= day && day < step.to {
                return step.median
            }
        }
        return nil
    }

    /// The line of `rows` (one group, sorted as `PriceIndex` sorts it: oldest first, cheaper first on a day) from
    /// its first observation to `end` (default: its last observation). The value on each day is what `PriceStats`
    /// gives as of that day; it is evaluated on every observation date and on every day an observation leaves the
    /// window, the only days it can change.
    public init(rows: [PriceObservation], windowDays: Int = PriceStats.defaultWindowDays, minProviders: Int, end: Day? = nil) {
        self.windowDays = windowDays
        self.minProviders = max(1, minProviders)
        segments = []
        gaps = []
        guard let lastRow = rows.last?.date else { return }
        let last = max(end ?? lastRow, lastRow)
        lastDay = last
        var events = Set(rows.map(\.date))
        for row in rows {
            if let leaves = row.date.adding(days: windowDays + 1), leaves <= last { events.insert(leaves) }
        }
        events.insert(last)
        let days = events.sorted()
        var latest: [String: PriceObservation] = [:]
        var position = 0
        var values: [(day: Day, median: Double?, providers: Int)] = []
        for day in days {
            while position < rows.count && rows[position].date <= day {
                let observation = rows[position]
                // Sorted cheaper first on a day: the first row of a provider on its newest day is the one that counts.
                if let current = latest[observation.provider], current.date >= observation.date {} else {
                    latest[observation.provider] = observation
                }
                position += 1
            }
            let prices = latest.values.filter { day.days(since: $0.date) <= windowDays }.map(\.usdPerGPUHour)
            values.append((day, prices.count >= self.minProviders ? PriceStats.median(prices) : nil, prices.count))
        }
        var segment: [Step] = []
        var gapStart: Day?
        for (index, point) in values.enumerated() {
            let next = index + 1 < values.count ? values[index + 1].day : point.day
            if let median = point.median {
                if let start = gapStart { gaps.append((start, point.day)); gapStart = nil }
                if let previous = segment.last, previous.median == median, previous.to == point.day {
                    segment[segment.count - 1].to = next
                    segment[segment.count - 1].providers = point.providers
                } else {
                    segment.append(Step(from: point.day, to: next, median: median, providers: point.providers))
                }
            } else {
                if !segment.isEmpty { segments.append(segment); segment = [] }
                if gapStart == nil && point.day < last { gapStart = point.day }
            }
        }
        if !segment.isEmpty { segments.append(segment) }
        if let start = gapStart { gaps.append((start, last)) }
    }
}
