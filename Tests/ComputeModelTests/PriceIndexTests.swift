import ComputeModel
import Foundation
import Testing

/// The price index answers every statistic the way a full scan of the rows does, and the chart's running
/// median (one pass) equals the statistics computed date by date. Seeded random data; the seed is printed
/// on failure and `SIGNALS_SEED` replays it.
@Suite("Price index and running median")
struct PriceIndexTests {
    static let seed = ProcessInfo.processInfo.environment["SIGNALS_SEED"].flatMap(UInt64.init) ?? UInt64(Date().timeIntervalSince1970)

    /// Random rows of two accelerators and three types over ~3 years, a few providers, same-day ties included.
    static func rows(_ random: inout SeededGenerator, count: Int) -> [PriceObservation] {
        let start = Day("2024-01-01")!.date
        return (0..<count).map { _ in
            let day = Day(start.addingTimeInterval(Double(random.next() % 1_000) * 86_400))
            let gpus = [1, 8][Int(random.next() % 2)]
            let type: PricingType = [.onDemand, .spot, .reserved1y][Int(random.next() % 3)]
            return PriceObservation(date: day, provider: "P\(random.next() % 6)", offer: "o\(random.next() % 3)",
                                    gpu: ["h100-sxm", "b200"][Int(random.next() % 2)], gpus: gpus,
                                    usdPerInstanceHour: Double(100 + random.next() % 900) / 100 * Double(gpus), type: type,
                                    region: "r\(random.next() % 1_000_000)", sourceURL: "https://example.org", source: "TEST",
                                    confidence: .secondary, note: "", line: 0)
        }
    }

    @Test("indexed statistics equal a scan of all rows, for any date and window (200 random data sets)")
    func indexEqualsScan() throws {
        var random = SeededGenerator(seed: Self.seed)
        let base = ComputeData(accelerators: try Fixtures.accelerators(), prices: [], assumptions: Assumptions([:]), today: Fixtures.today)
        for round in 0..<200 {
            var data = base
            data.prices = Self.rows(&random, count: Int(random.next() % 120))
            let gpu = ["h100-sxm"][0]
            let type: PricingType = [.onDemand, .spot, .reserved1y][Int(random.next() % 3)]
            let asOf = Day(Day("2024-01-01")!.date.addingTimeInterval(Double(random.next() % 1_100) * 86_400))
            let window = [30, 90, 365][Int(random.next() % 3)]
            let indexed = try data.priceStats(gpu: gpu, type: type, asOf: asOf, windowDays: window)
            let scanned = PriceStats(observations: data.prices, gpu: gpu, type: type, asOf: asOf, windowDays: window,
                                     gpuName: try data.accelerator(id: gpu).name)
            #expect(indexed == scanned, "seed \(Self.seed) (SIGNALS_SEED), round \(round)")
        }
    }

    @Test("the running median equals PriceStats as of each observation date (300 random series)")
    func runningMedianEqualsPerDateStatistics() {
        var random = SeededGenerator(seed: Self.seed &+ 1)
        for round in 0..<300 {
            let rows = Self.rows(&random, count: 1 + Int(random.next() % 80)).filter { $0.gpu == "h100-sxm" && $0.type == .onDemand }
            let sorted = rows.sorted { ($0.date, $0.usdPerGPUHour, $0.id) < ($1.date, $1.usdPerGPUHour, $1.id) }
            let window = [30, 90, 365][Int(random.next() % 3)]
            let fast = PriceStats.runningMedian(of: sorted, windowDays: window)
            let slow: [(Day, Double)] = Set(rows.map(\.date)).sorted().compactMap { day -> (Day, Double)? in
                let stats = PriceStats(observations: rows, gpu: "h100-sxm", type: .onDemand, asOf: day, windowDays: window)
                return stats.median?.value.map { (day, $0) }
            }
            #expect(fast.map { $0.date } == slow.map { $0.0 } && fast.map { $0.median } == slow.map { $0.1 },
                    "seed \(Self.seed &+ 1) (SIGNALS_SEED=\(Self.seed)), round \(round)")
        }
    }

    @Test("hand-checked: one provider's newer price replaces its older one; an old price leaves the window")
    func handChecked() throws {
        let rows = [Fixtures.observation("A", 2, date: "2026-01-01"), Fixtures.observation("B", 4, date: "2026-01-01"),
                    Fixtures.observation("A", 3, date: "2026-02-01"), Fixtures.observation("C", 10, date: "2026-06-01")]
        let line = PriceStats.runningMedian(of: rows, windowDays: 90)
        // Jan 1: A 2, B 4 → 3. Feb 1: A 3, B 4 → 3.5. Jun 1: A and B are over 90 days old → C alone, 10.
        #expect(line.map(\.date.description) == ["2026-01-01", "2026-02-01", "2026-06-01"])
        #expect(line.map(\.median) == [3, 3.5, 10])
    }
}
