import ComputeModel
import Foundation
import Testing

/// The chart's median line: no value from fewer than the set number of providers, gaps kept as gaps, and on every
/// day it is drawn, the value `PriceStats` gives as of that day.
@Suite("Median line of a price chart")
struct MedianLineTests {
    static let seed = ProcessInfo.processInfo.environment["SIGNALS_SEED"].flatMap(UInt64.init) ?? UInt64(Date().timeIntervalSince1970)

    /// Three providers, then one dear observation alone in its window 16 months later, then three providers again
    /// (more than a year after it, so it has left the window).
    static let outlierRows: [PriceObservation] = [
        Fixtures.observation("A", 2, date: "2024-01-10"), Fixtures.observation("B", 3, date: "2024-01-10"),
        Fixtures.observation("C", 4, date: "2024-01-10"),
        Fixtures.observation("D", 12.29, date: "2025-05-01"),
        Fixtures.observation("A", 2.5, date: "2026-06-01"), Fixtures.observation("B", 3.5, date: "2026-06-01"),
        Fixtures.observation("C", 4.5, date: "2026-06-01"),
    ]

    @Test("an outlier alone in its window is no part of the line; the silence around it is a gap")
    func loneOutlierIsNotDrawn() throws {
        let line = MedianLine(rows: Self.outlierRows, windowDays: 365, minProviders: 3)
        #expect(line.value(on: Day("2025-05-01")!) == nil)
        #expect(!line.segments.joined().contains { $0.median == 12.29 })
        #expect(line.segments.count == 2)
        #expect(line.segments.first?.first?.median == 3 && line.segments.first?.last?.to == Day("2025-01-10"),
                "the first run ends the day the 2024 prices leave the 365-day window")
        #expect(line.segments.last?.first?.from == Day("2026-06-01") && line.segments.last?.first?.median == 3.5)
        #expect(line.gaps.contains { $0.from <= Day("2025-05-01")! && Day("2025-05-01")! < $0.to })
        // With a threshold of one, the same rows do draw the outlier: the threshold is what keeps it out.
        #expect(MedianLine(rows: Self.outlierRows, windowDays: 365, minProviders: 1).value(on: Day("2025-05-01")!) == 12.29)
    }

    @Test("on every day, the line shows PriceStats' median where enough providers have a price, else nothing (200 random series)")
    func lineEqualsStatisticsOnEveryDay() throws {
        var random = SeededGenerator(seed: Self.seed)
        for round in 0..<200 {
            let rows = PriceIndexTests.rows(&random, count: 1 + Int(random.next() % 60)).filter { $0.gpu == "h100-sxm" && $0.type == .onDemand }
            guard let first = rows.map(\.date).min(), let last = rows.map(\.date).max() else { continue }
            let sorted = rows.sorted { ($0.date, $0.usdPerGPUHour, $0.id) < ($1.date, $1.usdPerGPUHour, $1.id) }
            let window = [30, 90, 365][Int(random.next() % 3)]
            let minimum = 1 + Int(random.next() % 4)
            let line = MedianLine(rows: sorted, windowDays: window, minProviders: minimum)
            for _ in 0..<20 {
                guard let day = first.adding(days: Int(random.next() % UInt64(last.days(since: first) + 1))) else { continue }
                let stats = PriceStats(observations: rows, gpu: "h100-sxm", type: .onDemand, asOf: day, windowDays: window)
                let expected = stats.count >= minimum ? stats.median?.value : nil
                #expect(line.value(on: day) == expected,
                        "seed \(Self.seed) (SIGNALS_SEED), round \(round), day \(day), window \(window), minimum \(minimum)")
            }
        }
    }

    @Test("Day.adding(days:) agrees with days(since:) across month, year and leap-day boundaries")
    func addingDays() {
        let start = Day("2023-12-30")!
        for offset in [-800, -366, -1, 0, 1, 2, 31, 60, 61, 365, 366, 1000] {
            #expect(start.adding(days: offset)?.days(since: start) == offset)
        }
        #expect(Day("2024-02-28")!.adding(days: 1) == Day("2024-02-29"))
        #expect(Day("2025-02-28")!.adding(days: 1) == Day("2025-03-01"))
    }
}
